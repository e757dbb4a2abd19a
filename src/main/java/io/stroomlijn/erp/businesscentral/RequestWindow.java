package io.stroomlijn.erp.businesscentral;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sliding-window rate limit: at most {@code max} requests start within any {@code window}.
 * Callers wait in arrival order (a fair lock held while waiting), so a burst cannot starve an
 * earlier caller.
 */
final class RequestWindow {

  private final int max;
  private final long windowNanos;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Deque<Long> starts = new ArrayDeque<>();

  RequestWindow(int max, Duration window) {
    this.max = max;
    this.windowNanos = window.toNanos();
  }

  /** Waits until one more request may start within the window, and counts it. */
  void acquire() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        long now = System.nanoTime();
        while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
          starts.pollFirst();
        }
        if (starts.size() < max) {
          starts.addLast(now);
          return;
        }
        long wait = starts.peekFirst() + windowNanos - now;
        // Sleeping with the fair lock held keeps everyone behind in arrival order.
        TimeUnit.NANOSECONDS.sleep(Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Requests started within the current window. */
  int used() {
    lock.lock();
    try {
      long now = System.nanoTime();
      return (int) starts.stream().filter(start -> now - start < windowNanos).count();
    } finally {
      lock.unlock();
    }
  }
}
