package io.stroomlijn.trigger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Benchmark probe on the start event: notes when a run for a record was committed, so latency is
 * measured to a run that exists, not to one that might still roll back.
 */
public class BenchProbe implements ExecutionListener {

  static final Map<String, Long> COMMITTED_AT = new ConcurrentHashMap<>();

  @Override
  public void notify(DelegateExecution execution) {
    Object recordId = execution.getVariable("recordId");
    if (recordId == null) {
      return;
    }
    String key = recordId.toString();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              COMMITTED_AT.put(key, System.nanoTime());
            }
          });
    } else {
      COMMITTED_AT.put(key, System.nanoTime());
    }
  }
}
