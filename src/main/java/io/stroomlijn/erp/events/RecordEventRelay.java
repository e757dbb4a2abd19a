package io.stroomlijn.erp.events;

import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers committed record events from the outbox to the listeners, on a thread of its own: a
 * commit wakes it at once, and a poll every second catches anything else (such as events committed
 * before a crash). Each batch is delivered and marked delivered in one transaction; when a listener
 * throws, the batch is rolled back and delivered again after a pause, one event at a time until the
 * fault is past, so one bad event cannot hold back the rest for long and none is skipped.
 */
@Component
public class RecordEventRelay implements SmartLifecycle {

  static final int BATCH_SIZE = 500;
  private static final Logger log = LoggerFactory.getLogger(RecordEventRelay.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final RecordEventOutbox outbox;
  private final TransactionTemplate transaction;
  private final List<RecordEventListener> listeners = new CopyOnWriteArrayList<>();
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile Thread thread;
  private volatile boolean running;

  public RecordEventRelay(RecordEventOutbox outbox, TransactionTemplate transaction) {
    this.outbox = outbox;
    this.transaction = transaction;
  }

  public void addListener(RecordEventListener listener) {
    listeners.add(listener);
    wakeUp();
  }

  /** Something was committed: deliver it now rather than at the next poll. */
  public void wakeUp() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "erp-event-relay");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Lets the current batch finish, then stops. The thread is woken, never interrupted: an interrupt
   * during file I/O would close H2's file channel under the running transaction.
   */
  @Override
  public void stop() {
    running = false;
    wakeUps.release();
    Thread current = thread;
    if (current != null) {
      try {
        current.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    Duration backoff = POLL;
    int batchSize = BATCH_SIZE;
    while (running) {
      try {
        if (!listeners.isEmpty()) {
          while (running && deliverBatch(batchSize) > 0) {
            batchSize = BATCH_SIZE;
            backoff = POLL;
          }
        }
        wakeUps.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("Delivering record events failed; trying again in {}", backoff, e);
        batchSize = 1;
        if (!pause(backoff)) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /** Delivers one batch in one transaction and returns its size; 0 when nothing waits. */
  int deliverBatch(int batchSize) {
    Integer delivered =
        transaction.execute(
            status -> {
              outbox.lockRelay();
              List<RecordEvent> batch = outbox.undelivered(batchSize);
              if (batch.isEmpty()) {
                return 0;
              }
              for (RecordEventListener listener : listeners) {
                listener.onRecordEvents(batch);
              }
              outbox.markDelivered(batch);
              return batch.size();
            });
    return delivered == null ? 0 : delivered;
  }

  /** Waits out a backoff (new commits do not shorten it); a stop ends it within 100 ms. */
  private boolean pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    try {
      while (running && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      return running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
