package io.stroomlijn.storage;

import java.lang.reflect.Field;
import java.util.concurrent.locks.Lock;
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
 *
 * <p>One store can still run inside a commit: the committing thread's own. When H2's unsaved memory
 * crosses {@code autoCommitMemory} (1 to 19 MB, by heap size), {@code MVStore.beforeWrite} stores
 * from within the map write that crossed it, and because the commit already holds the store lock
 * that store proceeds, half way through a large commit (a relay batch of 500 runs). That is safe:
 * H2 writes a commit marker into the transaction's undo log before it applies the first committed
 * value and clears the log only after the last, and when it opens the file it finishes every
 * transaction whose log carries the marker ({@code TransactionStore.init}, {@code
 * endLeftoverTransactions}). {@code WholeCommitsTest} checks it with images of the file after every
 * write of such a commit. What the lock is for is stores by <i>other</i> threads, which take the
 * maps one by one and could pair a cleared undo log with a map from before the commit.
 */
final class WholeCommits {

  /**
   * {@code MVStore.storeLock}, which H2 holds while it takes the maps' state for a store. H2's own
   * way to run something under it, {@link MVStore#executeFilestoreOperation}, first waits for H2's
   * writer threads: two thread hand-offs per commit (instant runs with 16 clients on 2 cores did
   * 0.87-0.96 of the raw engine's starts with them, 1.02-1.03 without). Null when this H2 version
   * has no such field.
   */
  private static final Field STORE_LOCK = storeLockField();

  private WholeCommits() {}

  /** Whether commits take H2's store lock directly rather than through a file-store operation. */
  static boolean locksDirectly() {
    return STORE_LOCK != null;
  }

  /** Runs an in-memory commit while no store of {@code store} is under way. */
  static void commit(MVStore store, Runnable commit) {
    if (store.isClosed()) {
      // Nothing can store it any more; the commit itself reports what went wrong.
      commit.run();
      return;
    }
    Lock storeLock = storeLock(store);
    if (storeLock == null) {
      commitAsFileStoreOperation(store, commit);
    } else {
      commitUnder(storeLock, commit);
    }
  }

  static void commitUnder(Lock storeLock, Runnable commit) {
    storeLock.lock();
    try {
      commit.run();
    } finally {
      storeLock.unlock();
    }
  }

  static void commitAsFileStoreOperation(MVStore store, Runnable commit) {
    Throwable[] failure = new Throwable[1];
    // The commit's own failure must not reach H2: H2 closes the store on any exception of a
    // file-store operation.
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

  static Lock storeLock(MVStore store) {
    if (STORE_LOCK == null) {
      return null;
    }
    try {
      return (Lock) STORE_LOCK.get(store);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static Field storeLockField() {
    try {
      Field field = MVStore.class.getDeclaredField("storeLock");
      field.setAccessible(true);
      return Lock.class.isAssignableFrom(field.getType()) ? field : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
