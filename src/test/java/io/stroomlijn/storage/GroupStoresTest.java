package io.stroomlijn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void aCommitIsForcedToDiskBeforeItIsAcknowledged() {
    RecordedDisk disk = RecordedDisk.of(folder.resolve("forced.mv.db"));
    MVStore store = openOn(disk);
    MVMap<String, String> map = store.openMap("writes");
    GroupStores stores = new GroupStores();

    map.put("key", "acknowledged");
    stores.awaitStored(store);

    assertThat(disk.forces()).isPositive();
    assertThat(disk.unforcedBytes()).as("bytes written but not forced").isZero();
    stores.releasePins();
    store.close();
  }

  @Test
  void withoutForcingTheAcknowledgedCommitIsOnlyInTheOperatingSystemsCache() {
    RecordedDisk disk = RecordedDisk.of(folder.resolve("unforced.mv.db"));
    MVStore store = openOn(disk);
    MVMap<String, String> map = store.openMap("writes");

    map.put("key", "acknowledged");
    new GroupStores(false).awaitStored(store);

    assertThat(disk.unforcedBytes()).isPositive();
    store.close();
  }

  /**
   * H2's own stores (its background writer, stores on memory pressure) are not forced; with {@code
   * RETENTION_TIME=0} the next store may write into the space one of them freed. A power cut that
   * keeps that write and loses the unforced store must still leave a file H2 opens, holding every
   * acknowledged commit.
   */
  @Test
  void aPowerCutAtAnyWriteKeepsTheFileReadableWithEveryAcknowledgedCommit() throws Exception {
    RecordedDisk disk = RecordedDisk.of(folder.resolve("powercut.mv.db"));
    MVStore store = openOn(disk);
    // As the H2 database runs with RETENTION_TIME=0: freed space is reusable at once.
    store.setRetentionTime(0);
    store.setVersionsToKeep(0);
    MVMap<String, String> map = store.openMap("writes");
    GroupStores stores = new GroupStores();
    AtomicInteger acknowledged = new AtomicInteger();
    Path images = Files.createDirectories(folder.resolve("images"));
    disk.imageOnEachWrite(images, () -> String.valueOf(acknowledged.get()));

    for (int round = 0; round < 40; round++) {
      // Rewriting every key frees the whole previous chunk at each store.
      for (int key = 0; key < 20; key++) {
        map.put("key " + key, "round " + round);
      }
      store.commit(); // what H2's background writer does: written, never forced
      map.put("acknowledged " + round, "yes");
      stores.awaitStored(store);
      acknowledged.incrementAndGet();
    }
    stores.releasePins();
    store.close();

    assertThat(disk.images()).hasSizeGreaterThan(80);
    for (RecordedDisk.Image image : disk.images()) {
      int expected = Integer.parseInt(image.label());
      MVStore reopened = new MVStore.Builder().fileName(image.powerCut().toString()).open();
      try {
        MVMap<String, String> writes = reopened.openMap("writes");
        for (int round = 0; round < expected; round++) {
          assertThat(writes.get("acknowledged " + round))
              .as("commit %d after a power cut at %s", round, image.powerCut().getFileName())
              .isEqualTo("yes");
        }
      } finally {
        reopened.close();
      }
    }
  }

  private static MVStore openOn(RecordedDisk disk) {
    return new MVStore.Builder().fileName(disk.url()).autoCommitDisabled().open();
  }

  private static MVStore open(Path file) {
    // No background writer: only the stores under test reach the file.
    return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
  }
}
