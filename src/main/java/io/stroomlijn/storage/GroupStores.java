package io.stroomlijn.storage;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.springframework.transaction.TransactionSystemException;

/**
 * Group commit for an H2 store: a committer waits until a store that began after its commit has
 * ended, and only stores itself when no store is under way.
 *
 * <p>Each committer draws a ticket after its transaction committed in memory. A store takes the
 * highest ticket drawn before it began: every commit up to that ticket is in H2's maps by then, so
 * the store writes it. While one committer stores, the others wait; when the store ends, the
 * committers it covered return and one of the rest stores for all who arrived meanwhile. A failed
 * store covers nobody: its waiters try again themselves and fail too (H2 closes a store whose write
 * failed), so no commit is confirmed that may not be on disk.
 */
final class GroupStores {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition storeEnded = lock.newCondition();

  /** Tickets drawn so far (guarded by {@link #lock}). */
  private long drawn;

  /** Every ticket up to this one is stored (guarded by {@link #lock}). */
  private long stored;

  /** Whether a committer is storing now (guarded by {@link #lock}). */
  private boolean storing;

  /** Returns once everything this thread committed before the call is in the file. */
  void awaitStored(MVStore store) {
    lock.lock();
    try {
      long ticket = ++drawn;
      while (stored < ticket) {
        if (storing) {
          storeEnded.awaitUninterruptibly();
        } else {
          storeFor(store, drawn);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stores with the lock released, so later committers can draw tickets meanwhile. */
  private void storeFor(MVStore store, long upToTicket) {
    storing = true;
    boolean done = false;
    lock.unlock();
    try {
      if (store.commit() < 0) {
        if (store.isClosed()) {
          // Closed by a failure (H2 closes a store whose write failed) or by a shutdown between
          // the commit and now: whether these commits reached the file is unknown.
          throw new TransactionSystemException(
              "The H2 database closed before the commit was confirmed on disk");
        }
        // Nothing left to store: a store that began after our commits took them, perhaps H2's
        // background writer, which writes asynchronously. Wait until its write is complete.
        store.executeFilestoreOperation(() -> {});
      }
      done = true;
    } finally {
      lock.lock();
      storing = false;
      if (done) {
        stored = Math.max(stored, upToTicket);
      }
      storeEnded.signalAll();
    }
  }
}
