package io.stroomlijn.erp.businesscentral;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that does a step of work whenever it is woken and at least every poll
 * interval, like the record event relay. It is never interrupted: a stop lets the current step
 * finish (steps check {@link #running()} between requests), because an interrupt during file I/O
 * would close H2's file channel under a running transaction. A step that throws is logged and tried
 * again after a growing pause.
 */
public final class WorkerThread {

  /** One round of work; true when there may be more to do at once. */
  public interface Step {
    boolean run();
  }

  private static final Logger log = LoggerFactory.getLogger(WorkerThread.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final String name;
  private final Duration poll;
  private final Step step;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile Thread thread;
  private volatile boolean running;

  public WorkerThread(String name, Duration poll, Step step) {
    this.name = name;
    this.poll = poll;
    this.step = step;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread started = new Thread(this::loop, name);
    started.setDaemon(true);
    thread = started;
    started.start();
  }

  /** Lets the current step finish, then stops; waits up to 30 s for it. */
  public void stop() {
    running = false;
    wakeUps.release();
    Thread current = thread;
    if (current != null && current != Thread.currentThread()) {
      try {
        current.join(STOP_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public boolean running() {
    return running;
  }

  /** Something to do arrived: run a step now rather than at the next poll. */
  public void wakeUp() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  private void loop() {
    Duration backoff = poll;
    while (running) {
      try {
        boolean more = step.run();
        backoff = poll;
        if (!more) {
          wakeUps.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("{} failed; trying again in {}", name, backoff, e);
        pause(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /** Waits out a backoff; a stop ends it within 100 ms. */
  private void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    try {
      while (running && System.nanoTime() < until) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
