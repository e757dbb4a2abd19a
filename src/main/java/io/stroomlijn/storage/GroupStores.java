package io.stroomlijn.storage;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStore.TxCounter;
import org.springframework.transaction.TransactionSystemException;

/**
 * Group commit for an H2 store: a committer waits until a store that began after its commit has
 * ended and the file has been forced to the disk, and only stores itself when no store is under
 * way.
 *
 * <p>Each committer draws a ticket after its transaction committed in memory. A store takes the
 * highest ticket drawn before it began: every commit up to that ticket is in H2's maps by then, so
 * the store writes it. While one committer stores and forces, the others wait; when it is done, the
 * committers it covered return and one of the rest stores for all who arrived meanwhile. A failed
 * store covers nobody: its waiters try again themselves and fail too (H2 closes a store whose write
 * failed), so no commit is confirmed that may not be on disk.
 *
 * <p><b>Forcing.</b> H2 writes a store to the operating system and calls {@code FileChannel.force}
 * only when it closes, compacts or truncates the file. A write the operating system still holds in
 * its cache survives a killed process but not an operating-system crash or a power cut. So each
 * group store ends with {@link MVStore#sync()} (one fsync for the whole group) before its
 * committers are released.
 *
 * <p><b>Reuse of freed space.</b> H2 reuses the space of a chunk (a store's block of pages) as soon
 * as no page in it is in use and its version is older than the oldest version anything has
 * registered ({@code FileStore.dropUnusedChunks}: {@code unusedAtVersion < oldestVersionToKeep};
 * the H2 database keeps no versions of its own, {@code versionsToKeep = 0}). {@code RETENTION_TIME}
 * only adds a minimum age, counted from when the chunk was <i>written</i>, not from when it was
 * freed, so no retention time makes reuse safe. The danger: a store that H2 makes on its own (its
 * background writer, or on memory pressure) and that nobody forced frees chunk K; the next store
 * writes into K; a power cut keeps that write but not the unforced store; after the restart the
 * newest version on disk still needs K, which now holds other pages, and H2 cannot open the file
 * ("unable to recover a valid set of chunks"). To rule this out, every group store registers a
 * version usage ({@link MVStore#registerVersionUsage()}) for the version current before it stored
 * and keeps it until two later group stores have been forced: H2 then reuses only chunks that were
 * freed in versions before the pinned one, and those versions were on disk, forced, before the pin
 * was released. Keeping two pins rather than one also covers a store that accounts a replaced page
 * one store late (H2 records a replaced page just after it swaps the map's root, so a store can run
 * in between). With this, {@code RETENTION_TIME=0} is safe and keeps the file small; the price is
 * that space freed since the last group store is reused one or two group stores later, and not at
 * all while no transaction commits through this path (as with any long-running transaction in H2).
 */
final class GroupStores {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition storeEnded = lock.newCondition();

  /** Whether a group store forces the file to disk (the default) or only writes it. */
  private final boolean forceToDisk;

  /** Tickets drawn so far (guarded by {@link #lock}). */
  private long drawn;

  /** Every ticket up to this one is stored (guarded by {@link #lock}). */
  private long stored;

  /** Whether a committer is storing now (guarded by {@link #lock}). */
  private boolean storing;

  /** The store the pins belong to (only the storing thread touches the pins). */
  private MVStore pinned;

  /** Version usages of the last two forced group stores, older first. */
  private TxCounter olderPin;

  private TxCounter newerPin;

  GroupStores() {
    this(true);
  }

  GroupStores(boolean forceToDisk) {
    this.forceToDisk = forceToDisk;
  }

  /** Returns once everything this thread committed before the call is in the file on disk. */
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

  /**
   * Lets H2 reuse all freed space again, for a clean close (H2 compacts the file when it closes,
   * and expects no version usage then). Commits after this pin again.
   */
  void releasePins() {
    lock.lock();
    try {
      while (storing) {
        storeEnded.awaitUninterruptibly();
      }
      if (pinned != null && !pinned.isClosed()) {
        if (olderPin != null) {
          pinned.deregisterVersionUsage(olderPin);
        }
        if (newerPin != null) {
          pinned.deregisterVersionUsage(newerPin);
        }
      }
      pinned = null;
      olderPin = null;
      newerPin = null;
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
      store(store);
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

  private void store(MVStore store) {
    // Taken before the store: every version up to the pinned one is written by the time the
    // store below has ended (H2 writes stores in version order), and forced by the sync after it.
    TxCounter pin = forceToDisk && !store.isClosed() ? store.registerVersionUsage() : null;
    boolean kept = false;
    try {
      if (store.commit() < 0) {
        failIfClosed(store);
        // Nothing left to store: a store that began after our commits took them, perhaps H2's
        // background writer, which writes asynchronously. Wait until its write is complete.
        store.executeFilestoreOperation(() -> {});
      }
      if (forceToDisk) {
        store.sync();
        // H2 skips the force silently when the file was closed meanwhile.
        failIfClosed(store);
        keep(store, pin);
        kept = true;
      }
    } catch (RuntimeException e) {
      failIfClosed(store);
      throw e;
    } finally {
      if (pin != null && !kept) {
        store.deregisterVersionUsage(pin);
      }
    }
  }

  private void keep(MVStore store, TxCounter pin) {
    if (pinned != store) {
      // A reopened store: the old one's pins went with it.
      pinned = store;
      olderPin = null;
      newerPin = null;
    }
    if (olderPin != null) {
      store.deregisterVersionUsage(olderPin);
    }
    olderPin = newerPin;
    newerPin = pin;
  }

  private static void failIfClosed(MVStore store) {
    if (store.isClosed()) {
      // Closed by a failure (H2 closes a store whose write failed) or by a shutdown between
      // the commit and now: whether these commits reached the disk is unknown.
      throw new TransactionSystemException(
          "The H2 database closed before the commit was confirmed on disk");
    }
  }
}
