package io.stroomlijn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stores and commits on a real H2 store file never overlap. */
class WholeCommitsTest {

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
