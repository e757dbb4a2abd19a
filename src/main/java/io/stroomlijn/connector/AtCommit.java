package io.stroomlijn.connector;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs a side effect that cannot be undone (send a mail, post to Teams, write a workbook) at the
 * last moment of the engine's transaction: after every statement of it has run, just before the
 * database commits. A failure before that point rolls the transaction back and nothing has been
 * sent, so the retry sends once; a failure of the side effect itself rolls the transaction back and
 * the job retries. Only a failure of the database commit itself, after the side effect, can repeat
 * it.
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

  public static void run(Runnable sideEffect) {
    when(TransactionState.COMMITTING, sideEffect);
  }

  /** Outside an engine command there is no transaction to wait for: it runs at once. */
  private static void when(TransactionState state, Runnable sideEffect) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      sideEffect.run();
      return;
    }
    context.getTransactionContext().addTransactionListener(state, ended -> sideEffect.run());
  }
}
