package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.businesscentral.WorkerThread;
import io.stroomlijn.erp.businesscentral.sync.ReadProgress.SetProgress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Makes the first read of each newly watched set and catches up with every watched set: at start-up
 * (what changed while Stroomlijn was down), every {@code catch-up-interval}, and at once when the
 * subscription upkeep asks ({@code catch_up_due}, after it subscribed or re-created a subscription
 * Business Central had deleted). One node at a time does this work, under the {@code catch-up}
 * lease; a set whose read fails is tried again after a growing pause (at most the interval), its
 * error kept for the status endpoint.
 *
 * <p>Now and then it also forgets what it saw of sets no longer watched (the upkeep removes their
 * rows; their seen records go here, or at the set's next first read) and tombstones older than
 * {@link #TOMBSTONES_KEPT}, by when Business Central has long stopped retrying a deletion's
 * notification.
 */
final class CatchUpWorker implements SmartLifecycle {

  static final Duration TOMBSTONES_KEPT = Duration.ofDays(7);
  private static final Duration HOUSEKEEPING = Duration.ofHours(1);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(CatchUpWorker.class);

  private final ReadProgress sets;
  private final SetReads reads;
  private final SeenRecords seen;
  private final CatchUpLease lease;
  private final SyncErrors errors;
  private final Duration interval;
  private final WorkerThread thread;
  // Tells the subscription upkeep: a set is ready to be subscribed (else it waits a pass).
  private final Runnable firstReadDone;
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private volatile OffsetDateTime housekeptAt;

  private record Retry(OffsetDateTime at, Duration pause) {}

  CatchUpWorker(
      ReadProgress sets,
      SetReads reads,
      SeenRecords seen,
      CatchUpLease lease,
      SyncErrors errors,
      Duration interval,
      Duration poll,
      Runnable firstReadDone) {
    this.firstReadDone = firstReadDone;
    this.sets = sets;
    this.reads = reads;
    this.seen = seen;
    this.lease = lease;
    this.errors = errors;
    this.interval = interval;
    this.thread = new WorkerThread("bc-catch-up", poll, this::step);
  }

  /** A set was added or a catch-up asked for: look now rather than at the next poll. */
  void wakeUp() {
    thread.wakeUp();
  }

  @Override
  public void start() {
    sets.requestCatchUpOfAll();
    thread.start();
  }

  @Override
  public void stop() {
    thread.stop();
  }

  @Override
  public boolean isRunning() {
    return thread.running();
  }

  /** One round: the first reads and catch-ups that are due, under the lease. */
  boolean step() {
    OffsetDateTime now = now();
    List<SetProgress> due = sets.all().stream().filter(set -> due(set, now)).toList();
    boolean housekeeping = housekeptAt == null || housekeptAt.plus(HOUSEKEEPING).isBefore(now);
    if ((due.isEmpty() && !housekeeping) || !lease.take()) {
      return false;
    }
    try {
      if (housekeeping) {
        housekeep(now);
      }
      BooleanSupplier keepGoing = () -> thread.running() && lease.renew();
      for (SetProgress set : due) {
        if (!thread.running()) {
          break;
        }
        read(set, keepGoing);
      }
    } finally {
      lease.release();
    }
    // A first read is followed by a catch-up at once: look again rather than at the next poll.
    return !due.isEmpty();
  }

  private boolean due(SetProgress set, OffsetDateTime now) {
    Retry retry = retries.get(key(set.companyId(), set.entitySet()));
    if (retry != null && retry.at().isAfter(now)) {
      return false;
    }
    return !set.baselineRead()
        || set.catchUpDue()
        || set.lastCatchUpAt() == null
        || !set.lastCatchUpAt().plus(interval).isAfter(now);
  }

  private void read(SetProgress set, BooleanSupplier keepGoing) {
    String key = key(set.companyId(), set.entitySet());
    String activity = set.baselineRead() ? "catch-up" : "first read";
    try {
      if (!set.baselineRead()) {
        reads.baseline(set, keepGoing);
        firstReadDone.run();
      } else {
        catchUp(set, keepGoing);
      }
      retries.remove(key);
    } catch (RuntimeException e) {
      Retry previous = retries.get(key);
      Duration longest = interval.compareTo(FIRST_RETRY) > 0 ? interval : FIRST_RETRY;
      Duration wait =
          previous == null ? FIRST_RETRY : min(previous.pause().multipliedBy(2), longest);
      retries.put(key, new Retry(now().plus(wait), wait));
      errors.add(set.companyId(), set.entitySet(), activity, e);
      log.warn(
          "The {} of Business Central {} of company {} failed; trying again in {}: {}",
          activity,
          set.entitySet(),
          set.companyId(),
          wait,
          e.getMessage());
    }
  }

  private void catchUp(SetProgress set, BooleanSupplier keepGoing) {
    boolean requested = sets.takeCatchUpRequest(set.companyId(), set.entitySet());
    boolean finished = false;
    try {
      finished = reads.catchUp(set, keepGoing);
    } finally {
      if (requested && !finished) {
        sets.requestCatchUp(set.companyId(), set.entitySet());
      }
    }
  }

  private void housekeep(OffsetDateTime now) {
    int unwatched = seen.forgetUnwatched();
    int tombstones = seen.forgetDeletedBefore(now.minus(TOMBSTONES_KEPT));
    if (unwatched + tombstones > 0) {
      log.info(
          "Forgot {} seen records of sets no longer watched and {} old tombstones",
          unwatched,
          tombstones);
    }
    housekeptAt = now;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String key(UUID companyId, String entitySet) {
    return companyId + "/" + entitySet;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
