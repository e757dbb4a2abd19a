package io.stroomlijn.connector;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a side effect that cannot be undone (send a mail, post to Teams, write a workbook) at the
 * last moment of the engine's transaction: after every statement of it has run, just before the
 * database commits. A failure before that point rolls the transaction back and nothing has been
 * sent, so the retry sends once; a failure of the side effect itself rolls the transaction back and
 * the job retries. Only a failure of the database commit itself, after the side effect, can repeat
 * it.
 *
 * <p>Work undone by a rollback to a savepoint takes its side effects with it: the record-event
 * relay starts each run of a batch in a savepoint, and a run that fails to start must not send the
 * mail of its first step when the batch commits. (Camunda's own transaction listeners know nothing
 * of savepoints, so this registers a Spring synchronization of its own.)
 */
public final class AtCommit {

  private AtCommit() {}

  /**
   * Runs a side effect once the transaction has committed, for a notification that must not hold up
   * or undo the work it tells about; a failure of it is the caller's to report.
   */
  public static void afterCommit(Runnable sideEffect) {
    when(TransactionState.COMMITTED, sideEffect);
  }

  /** Runs a side effect just before the transaction commits (see the class). */
  public static void run(Runnable sideEffect) {
    when(TransactionState.COMMITTING, sideEffect);
  }

  /**
   * Every engine command runs in a Spring transaction (the Camunda starter's transaction
   * interceptor), so a Spring synchronization sees each one; without a transaction there is nothing
   * to wait for and the side effect runs at once.
   */
  private static void when(TransactionState state, Runnable sideEffect) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new SideEffect(state, sideEffect));
    } else {
      sideEffect.run();
    }
  }

  /** One side effect, dropped when the savepoint it was registered under is rolled back to. */
  private static final class SideEffect implements TransactionSynchronization {

    private final TransactionState state;
    private final Runnable sideEffect;

    /** Savepoints made after this was registered: rolling back to them keeps it. */
    private final Set<Object> laterSavepoints = Collections.newSetFromMap(new IdentityHashMap<>());

    private boolean undone;

    SideEffect(TransactionState state, Runnable sideEffect) {
      this.state = state;
      this.sideEffect = sideEffect;
    }

    @Override
    public void savepoint(Object savepoint) {
      laterSavepoints.add(savepoint);
    }

    @Override
    public void savepointRollback(Object savepoint) {
      if (!laterSavepoints.contains(savepoint)) {
        undone = true;
      }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (state == TransactionState.COMMITTING && !undone) {
        sideEffect.run();
      }
    }

    @Override
    public void afterCommit() {
      if (state == TransactionState.COMMITTED && !undone) {
        sideEffect.run();
      }
    }
  }
}
