package io.stroomlijn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stores and commits on a real H2 store file never overlap. */
class WholeCommitsTest {

  private static final int ROWS = 1_000;

  @TempDir Path folder;

  /** Both ways to commit under the store lock: directly (the default) and H2's fallback. */
  enum Way {
    STORE_LOCK {
      @Override
      void commit(MVStore store, Runnable commit) {
        WholeCommits.commitUnder(WholeCommits.storeLock(store), commit);
      }
    },
    FILE_STORE_OPERATION {
      @Override
      void commit(MVStore store, Runnable commit) {
        WholeCommits.commitAsFileStoreOperation(store, commit);
      }
    };

    abstract void commit(MVStore store, Runnable commit);
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void noStoreRunsWhileACommitIsUnderWay(Way way) throws Exception {
    MVStore store = open("whole.mv.db");
    MVMap<String, String> map = store.openMap("rows");
    CountDownLatch committing = new CountDownLatch(1);
    CountDownLatch finishCommit = new CountDownLatch(1);
    CompletableFuture<Void> commit =
        CompletableFuture.runAsync(
            () ->
                way.commit(
                    store,
                    () -> {
                      map.put("first table", "committed");
                      committing.countDown();
                      awaitRelease(finishCommit);
                      map.put("second table", "committed");
                    }));
    assertThat(committing.await(10, TimeUnit.SECONDS)).isTrue();

    // What H2's background writer does every half second, half way through the commit.
    long version = store.getCurrentVersion();
    assertThat(store.tryCommit()).as("a store half way through a commit").isNegative();
    assertThat(store.getCurrentVersion()).isEqualTo(version);
    // A store that has to happen (GroupStores) waits for the commit to end, then writes it whole.
    CompletableFuture<Long> stored = CompletableFuture.supplyAsync(store::commit);
    ReentrantLock storeLock = (ReentrantLock) WholeCommits.storeLock(store);
    await().atMost(Duration.ofSeconds(10)).until(storeLock::hasQueuedThreads);
    assertThat(stored).isNotDone();

    finishCommit.countDown();
    commit.get(10, TimeUnit.SECONDS);
    assertThat(stored.get(10, TimeUnit.SECONDS)).isGreaterThan(version);
    store.closeImmediately();

    MVStore reopened = open("whole.mv.db");
    try {
      assertThat(reopened.<String, String>openMap("rows"))
          .containsEntry("first table", "committed")
          .containsEntry("second table", "committed");
    } finally {
      reopened.close();
    }
  }

  @Test
  void commitsTakeTheStoreLockWithoutWaitingForH2sWriterThreads() {
    // Fails when an H2 upgrade renames MVStore.storeLock: commits would still be whole, but slower.
    assertThat(WholeCommits.locksDirectly()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void aFailingCommitFailsAloneAndLeavesTheStoreOpen(Way way) {
    MVStore store = open("failing.mv.db");
    MVMap<String, String> map = store.openMap("rows");

    assertThatThrownBy(
            () ->
                way.commit(
                    store,
                    () -> {
                      throw new IllegalStateException("commit refused");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("commit refused");

    assertThat(store.isClosed()).isFalse();
    way.commit(store, () -> map.put("next", "committed"));
    assertThat(store.commit()).isPositive();
    store.close();
  }

  /**
   * H2 stores from inside a commit when its unsaved memory crosses {@code autoCommitMemory} ({@code
   * MVStore.beforeWrite}, which proceeds when the thread already holds the store lock, as a commit
   * under {@link WholeCommits} does): a large commit, such as a relay batch of 500 runs, can write
   * itself half-applied. Settled here with a 1 KB buffer, so that many stores run inside one
   * commit, and an image of the file after every write of the commit, as a killed process would
   * leave it (a 128 KB buffer and 1,000 rows in two maps: a dozen or so stores inside the commit):
   * each image recovers the transaction whole or not at all, because H2 writes its commit marker
   * into the undo log before it applies the first value and finishes a marked transaction when it
   * opens the file ({@code TransactionStore.init} and {@code endLeftoverTransactions}).
   */
  @Test
  void aStoreFromInsideALargeCommitLeavesItWholeOrAbsentAfterACrash() throws Exception {
    RecordedDisk disk = RecordedDisk.of(folder.resolve("large.mv.db"));
    MVStore store =
        new MVStore.Builder()
            .fileName(disk.url())
            .autoCommitBufferSize(128)
            .autoCommitDisabled()
            .open();
    TransactionStore transactions = new TransactionStore(store);
    transactions.init();
    Transaction large = transactions.begin();
    TransactionMap<Integer, String> runs = large.openMap("runs");
    TransactionMap<Integer, String> history = large.openMap("history");
    for (int run = 0; run < ROWS; run++) {
      runs.put(run, "run " + run + " ".repeat(100));
      history.put(run, "history of run " + run + " ".repeat(100));
    }
    AtomicBoolean committing = new AtomicBoolean();
    Path images = Files.createDirectories(folder.resolve("images"));
    disk.imageOnEachWrite(images, () -> committing.get() ? "during the commit" : null);
    long versionBefore = store.getCurrentVersion();

    committing.set(true);
    WholeCommits.commit(store, large::commit);
    committing.set(false);
    long storesInsideTheCommit = store.getCurrentVersion() - versionBefore;
    store.closeImmediately();

    assertThat(storesInsideTheCommit).as("stores H2 made from inside the commit").isPositive();
    assertThat(disk.images()).isNotEmpty();
    for (RecordedDisk.Image image : disk.images()) {
      MVStore reopened = new MVStore.Builder().fileName(image.killedProcess().toString()).open();
      try {
        TransactionStore recovered = new TransactionStore(reopened);
        recovered.init();
        recovered.endLeftoverTransactions();
        Transaction reader = recovered.begin();
        long runsFound = reader.openMap("runs").sizeAsLong();
        long historyFound = reader.openMap("history").sizeAsLong();
        assertThat(List.of(runsFound, historyFound))
            .as("runs and history after a crash at %s", image.killedProcess().getFileName())
            .isIn(List.of(0L, 0L), List.of((long) ROWS, (long) ROWS));
      } finally {
        reopened.close();
      }
    }
  }

  private MVStore open(String name) {
    return new MVStore.Builder().fileName(folder.resolve(name).toString()).open();
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
