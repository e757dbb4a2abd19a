package io.stroomlijn.erp.businesscentral.webhooks;

import io.stroomlijn.erp.RecordEventInterests;
import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import io.stroomlijn.erp.businesscentral.WorkerThread;
import io.stroomlijn.erp.businesscentral.sync.RecordSyncProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the subscription upkeep runs, on every node (the lease lets one at a time do a pass): a few
 * seconds after start, then every {@code upkeep-interval}, and within seconds of a change to what
 * the active flows listen to (a flow deployed, turned on or off, deleted) or a {@link
 * SubscriptionUpkeep#wakeUp()}.
 */
@ConditionalOnBusinessCentral
@Component
class SubscriptionUpkeepSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionUpkeepSchedule.class);
  private static final Duration FIRST_PASS = Duration.ofSeconds(5);

  /** How often the flows' record triggers are compared with those of the last pass (cheap). */
  private static final Duration LOOK_FOR_CHANGES = Duration.ofSeconds(5);

  private final SubscriptionUpkeep upkeep;
  private final RecordEventInterests interests;
  private final RecordSyncProperties settings;
  private final WorkerThread thread;
  // Only the schedule's thread reads and writes these.
  private Instant due;
  private Set<?> seen;

  SubscriptionUpkeepSchedule(
      SubscriptionUpkeep upkeep, RecordEventInterests interests, RecordSyncProperties settings) {
    this.upkeep = upkeep;
    this.interests = interests;
    this.settings = settings;
    this.thread =
        new WorkerThread("bc-subscription-upkeep", min(interval(), LOOK_FOR_CHANGES), this::step);
  }

  @Override
  public void start() {
    due = Instant.now().plus(FIRST_PASS);
    seen = null;
    upkeep.onWakeUp(thread::wakeUp);
    thread.start();
  }

  /** Lets a pass in progress finish its current request, then stops. */
  @Override
  public void stop() {
    thread.stop();
  }

  @Override
  public boolean isRunning() {
    return thread.running();
  }

  /** Makes a pass when one was asked for, the flows' triggers changed, or the interval is up. */
  private boolean step() {
    boolean woken = upkeep.takeWakeUp();
    Set<?> now = watchedInterests(seen);
    if (woken || (seen != null && !now.equals(seen)) || !Instant.now().isBefore(due)) {
      seen = now;
      try {
        upkeep.pass();
      } finally {
        due = Instant.now().plus(interval());
      }
    }
    return false;
  }

  /** What the active flows listen to that Business Central reports; {@code otherwise} on error. */
  private Set<?> watchedInterests(Set<?> otherwise) {
    try {
      return interests.current().stream()
          .filter(interest -> WatchedSetDemand.WATCHED_EVENTS.contains(interest.event()))
          .collect(Collectors.toSet());
    } catch (RuntimeException e) {
      // The engine may still be starting or already stopping; the pass itself reports failures.
      log.debug("The flows' record triggers could not be read", e);
      return otherwise;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private Duration interval() {
    Duration interval = settings.upkeepInterval();
    return interval == null || interval.isNegative() || interval.isZero()
        ? Duration.ofMinutes(1)
        : interval;
  }
}
