package io.stroomlijn.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Benchmark probe on the start event: notes when a run for a record was committed, so latency is
 * measured to a run that exists, not to one that might still roll back.
 *
 * <p>One synchronization per transaction notes all its runs. (One per run made every savepoint of
 * the relay's batch copy and sort all of them: Spring hands each savepoint the whole list, so a
 * batch of 500 runs cost quadratic time in the probe alone.)
 */
public class BenchProbe implements ExecutionListener {

  /** When the run for each record id was committed ({@code System.nanoTime()}). */
  public static final Map<String, Long> COMMITTED_AT = new ConcurrentHashMap<>();

  @Override
  public void notify(DelegateExecution execution) {
    Object recordId = execution.getVariable("recordId");
    if (recordId == null) {
      return;
    }
    String key = recordId.toString();
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      COMMITTED_AT.put(key, System.nanoTime());
      return;
    }
    @SuppressWarnings("unchecked")
    List<String> keys =
        (List<String>) TransactionSynchronizationManager.getResource(BenchProbe.class);
    if (keys == null) {
      List<String> committing = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(BenchProbe.class, committing);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              long now = System.nanoTime();
              committing.forEach(committed -> COMMITTED_AT.put(committed, now));
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(BenchProbe.class);
            }
          });
      keys = committing;
    }
    keys.add(key);
  }
}
