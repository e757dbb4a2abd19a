package io.stroomlijn.storage;

import org.h2.mvstore.MVStore;

/**
 * Keeps H2's stores from writing half a commit.
 *
 * <p>H2 commits a transaction in memory in steps: it marks the transaction committed (from then on
 * other transactions read its rows), writes the committed values into each table's map one by one,
 * and clears its undo log. A store, by H2's background writer or by {@link GroupStores}, takes each
 * map's current state one map after another while other threads go on. A store that runs during
 * those steps can write one table's map from before a commit and the undo log from after it: after
 * a crash the transaction is then half there (its rows in some tables, not in others), or gone
 * while a later transaction that read it survives. The likely cause of a {@code CrashRecoveryTest}
 * run that found one flow run more than committed customers after kill -9: the relay had started a
 * run for a customer whose own commit a store had torn.
 *
 * <p>So a commit runs under the store's own lock, which every store holds from its first map to its
 * last: a store writes each commit whole or not at all, and the file after a crash holds a prefix
 * of the commits in the order they happened. Rollbacks need no lock: their half-undone rows read as
 * not committed either way.
 */
final class WholeCommits {

  private WholeCommits() {}

  /** Runs an in-memory commit while no store of {@code store} is under way. */
  static void commit(MVStore store, Runnable commit) {
    if (store.isClosed()) {
      // Nothing can store it any more; the commit itself reports what went wrong.
      commit.run();
      return;
    }
    Throwable[] failure = new Throwable[1];
    // Waits for writes in flight, then runs under the store lock. The commit's own failure must
    // not reach H2: H2 closes the store on any exception of a file-store operation.
    store.executeFilestoreOperation(
        () -> {
          try {
            commit.run();
          } catch (RuntimeException | Error e) {
            failure[0] = e;
          }
        });
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
  }
}
