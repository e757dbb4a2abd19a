package io.stroomlijn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.TransactionSystemException;

/**
 * Group commit on a real H2 store file. A crash is simulated by {@link MVStore#closeImmediately()},
 * which drops whatever was not stored yet, as kill -9 would.
 */
class GroupStoresTest {

  private static final int WRITERS = 8;
  private static final int WRITES_EACH = 200;

  @TempDir Path folder;

  @Test
  void everyWriteAcknowledgedByAnyOfManyWritersSurvivesACrash() throws Exception {
    Path file = folder.resolve("group.mv.db");
    MVStore store = open(file);
    MVMap<String, String> map = store.openMap("writes");
    GroupStores stores = new GroupStores();
    long versionBefore = store.getCurrentVersion();

    CyclicBarrier together = new CyclicBarrier(WRITERS);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> done = new ArrayList<>();
    for (int writer = 0; writer < WRITERS; writer++) {
      int id = writer;
      done.add(
          writers.submit(
              () -> {
                together.await();
                for (int i = 0; i < WRITES_EACH; i++) {
                  map.put(id + "-" + i, "acknowledged");
                  stores.awaitStored(store);
                }
                return null;
              }));
    }
    for (Future<?> writer : done) {
      writer.get();
    }
    writers.shutdown();
    long storesMade = store.getCurrentVersion() - versionBefore;
    store.closeImmediately();

    MVStore reopened = open(file);
    try {
      assertThat(reopened.<String, String>openMap("writes").size())
          .isEqualTo(WRITERS * WRITES_EACH);
    } finally {
      reopened.close();
    }
    // Writers waiting together share stores instead of storing one by one.
    assertThat(storesMade).isLessThan(WRITERS * WRITES_EACH);
  }

  @Test
  void aWriteNotWaitedForIsWhatACrashLoses() throws Exception {
    Path file = folder.resolve("lost.mv.db");
    MVStore store = open(file);
    MVMap<String, String> map = store.openMap("writes");
    GroupStores stores = new GroupStores();
    map.put("stored", "acknowledged");
    stores.awaitStored(store);
    map.put("not stored", "never acknowledged");
    store.closeImmediately();

    MVStore reopened = open(file);
    try {
      assertThat(reopened.<String, String>openMap("writes").keySet()).containsExactly("stored");
    } finally {
      reopened.close();
    }
  }

  @Test
  void aCommitTheClosedStoreCanNoLongerConfirmIsReportedNotAcknowledged() {
    MVStore store = open(folder.resolve("closed.mv.db"));
    store.<String, String>openMap("writes").put("key", "value");
    store.closeImmediately();

    assertThatThrownBy(() -> new GroupStores().awaitStored(store))
        .isInstanceOf(TransactionSystemException.class)
        .hasMessageContaining("closed before the commit was confirmed on disk");
  }

  private static MVStore open(Path file) {
    // No background writer: only the stores under test reach the file.
    return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
  }
}
