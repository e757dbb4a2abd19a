package io.stroomlijn.erp.embedded.events;

import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands committed changes to the listeners, after the commit and never inside it: a listener that
 * fails cannot roll back or block the ERP change, and a rolled back change is never announced.
 */
@Component
public class RecordEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(RecordEventPublisher.class);

  private final List<RecordEventListener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(RecordEventListener listener) {
    listeners.add(listener);
  }

  /** Delivers the event once the current transaction has committed. */
  public void publishAfterCommit(RecordEvent event) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            deliver(event);
          }
        });
  }

  private void deliver(RecordEvent event) {
    for (RecordEventListener listener : listeners) {
      try {
        listener.onRecordEvent(event);
      } catch (RuntimeException e) {
        // The change is committed and its event is in the outbox; a failing listener is its own
        // problem and must not fail the ERP request.
        log.error(
            "Record event listener {} failed on {} {} {}",
            listener,
            event.type().eventName(),
            event.entitySet(),
            event.recordId(),
            e);
      }
    }
  }
}
