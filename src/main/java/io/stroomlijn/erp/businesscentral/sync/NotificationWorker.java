package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.businesscentral.WorkerThread;
import io.stroomlijn.erp.businesscentral.sync.ApiAddresses.RefusedResource;
import io.stroomlijn.erp.businesscentral.sync.ApiAddresses.Target;
import io.stroomlijn.erp.businesscentral.sync.ReadProgress.SetProgress;
import io.stroomlijn.erp.businesscentral.webhooks.ChangeType;
import io.stroomlijn.erp.businesscentral.webhooks.Notification;
import io.stroomlijn.erp.businesscentral.webhooks.NotificationInbox;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Turns the notifications in the receiver's inbox into record events, on every node: it claims due
 * notifications for a while, reads what they name from Business Central (outside any database
 * transaction), and applies the records and removes the notifications in one transaction.
 *
 * <ul>
 *   <li>{@code created}, {@code updated}, {@code deleted}: the record is read; several of one set
 *       are read together ({@code $filter=id eq .. or id eq ..}, 20 a request). A record that is
 *       not there (404, or not found by its id) is gone; one that is there is the version read,
 *       also for a {@code deleted} notification: a deletion is never taken on a notification's
 *       word alone.
 *   <li>{@code collection}: the resource's {@code $filter} is read page by page through {@code
 *       @odata.nextLink}, each page applied in its own transaction and the notification removed
 *       with the last one; a read that fails part way is read again whole, and what was applied
 *       already is no event the second time.
 * </ul>
 *
 * A notification whose set has not had its first read waits; one of a set no longer watched is
 * dropped; one whose resource is not a record or the set of its watched set under api-url is
 * refused (kept as failed, never requested). A failed read is tried again after 1 s, 2 s, 4 s, ...
 * (at most 5 minutes); after {@code notification-attempts} it stays in the inbox as failed and is
 * tried once per {@code catch-up-interval}, while the catch-up finds the change meanwhile.
 */
final class NotificationWorker implements SmartLifecycle {

  static final int BATCH = 200;
  private static final Duration CLAIM = Duration.ofMinutes(10);
  private static final Duration BASELINE_WAIT = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);

  private final NotificationInbox inbox;
  private final ReadProgress sets;
  private final ApiAddresses addresses;
  private final ChangeReads reads;
  private final RecordVersionApplier applier;
  private final SyncErrors errors;
  private final String node;
  private final int attempts;
  private final Duration catchUpInterval;
  private final Duration firstRetry;
  private final WorkerThread thread;

  NotificationWorker(
      NotificationInbox inbox,
      ReadProgress sets,
      ApiAddresses addresses,
      ChangeReads reads,
      RecordVersionApplier applier,
      SyncErrors errors,
      String node,
      int attempts,
      Duration catchUpInterval,
      Duration firstRetry,
      Duration poll) {
    this.inbox = inbox;
    this.sets = sets;
    this.addresses = addresses;
    this.reads = reads;
    this.applier = applier;
    this.errors = errors;
    this.node = node;
    this.attempts = attempts;
    this.catchUpInterval = catchUpInterval;
    this.firstRetry = firstRetry;
    this.thread = new WorkerThread("bc-notifications", poll, this::step);
  }

  /** Notifications were stored: read them now rather than at the next poll. */
  void wakeUp() {
    thread.wakeUp();
  }

  @Override
  public void start() {
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

  /** Claims due notifications and handles them per watched set; true when some were claimed. */
  boolean step() {
    List<Notification> claimed = inbox.claimDue(node, BATCH, CLAIM);
    if (claimed.isEmpty()) {
      return false;
    }
    Map<String, List<Notification>> bySet = new LinkedHashMap<>();
    for (Notification notification : claimed) {
      bySet
          .computeIfAbsent(
              notification.companyId() + "/" + notification.entitySet(), k -> new ArrayList<>())
          .add(notification);
    }
    for (List<Notification> notifications : bySet.values()) {
      if (!thread.running()) {
        notifications.forEach(n -> inbox.postpone(n.id(), now()));
        continue;
      }
      handle(notifications);
    }
    return true;
  }

  private void handle(List<Notification> notifications) {
    Notification first = notifications.get(0);
    Optional<SetProgress> set = sets.find(first.companyId(), first.entitySet());
    if (set.isEmpty()) {
      // No flow listens to this set any more.
      applier.inTransaction(
          () -> {
            notifications.forEach(n -> inbox.done(n.id()));
            return null;
          });
      return;
    }
    if (!set.get().baselineRead()) {
      notifications.forEach(n -> inbox.postpone(n.id(), now().plus(BASELINE_WAIT)));
      return;
    }
    List<Notification> records = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    for (Notification notification : notifications) {
      Target target;
      try {
        target =
            addresses.resolve(
                notification.resource(), notification.companyId(), notification.entitySet());
      } catch (RefusedResource refused) {
        refuse(notification, refused.getMessage());
        continue;
      }
      if (target.isRecord()) {
        records.add(notification);
        ids.add(target.recordId());
      } else if (notification.changeType() == ChangeType.COLLECTION) {
        collection(notification, target);
      } else {
        refuse(
            notification,
            "Refused the notification resource: a "
                + notification.changeType().label()
                + " notification names one record");
      }
    }
    if (!records.isEmpty()) {
      records(first.companyId(), first.entitySet(), records, ids);
    }
  }

  private void records(
      UUID companyId, String entitySet, List<Notification> notifications, List<UUID> ids) {
    try {
      List<Observation> observations = reads.records(companyId, entitySet, ids);
      applier.applyAndCommit(
          companyId,
          entitySet,
          observations,
          RecordEventSource.NOTIFICATION,
          () -> notifications.forEach(n -> inbox.done(n.id())));
    } catch (RuntimeException e) {
      notifications.forEach(n -> failed(n, e));
    }
  }

  private void collection(Notification notification, Target target) {
    UUID companyId = notification.companyId();
    String entitySet = notification.entitySet();
    URI uri =
        target.query() == null
            ? addresses.collection(companyId, entitySet)
            : addresses.collection(companyId, entitySet, target.query());
    try {
      boolean finished =
          reads.pages(
              uri,
              entitySet,
              page -> {
                applier.applyAndCommit(
                    companyId,
                    entitySet,
                    page.records().stream()
                        .map(v -> (Observation) new Observation.Read(v))
                        .toList(),
                    RecordEventSource.COLLECTION,
                    // A long collection keeps its claim, so no other node starts it over.
                    page.last()
                        ? () -> inbox.done(notification.id())
                        : () -> inbox.extendClaim(notification.id(), node, now().plus(CLAIM)));
                return page.last() || thread.running();
              });
      if (!finished) {
        inbox.postpone(notification.id(), now());
      }
    } catch (RuntimeException e) {
      failed(notification, e);
    }
  }

  private void failed(Notification notification, RuntimeException error) {
    int attempt = notification.attempts() + 1;
    Duration wait = attempt >= attempts ? catchUpInterval : backoff(attempt);
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    inbox.failed(notification.id(), message, now().plus(wait));
    errors.add(notification.companyId(), notification.entitySet(), "notification", message);
    log.warn(
        "Reading Business Central notification {} ({} of {}) failed, attempt {} of {}; next in {}:"
            + " {}",
        notification.id(),
        notification.changeType().label(),
        notification.entitySet(),
        attempt,
        attempts,
        wait,
        message);
  }

  /** Refused resources are not requested; they stay failed and are looked at again rarely. */
  private void refuse(Notification notification, String message) {
    inbox.failed(notification.id(), message, now().plus(catchUpInterval));
    errors.add(notification.companyId(), notification.entitySet(), "notification", message);
    log.warn(
        "Business Central notification {} of {} company {}: {}",
        notification.id(),
        notification.entitySet(),
        notification.companyId(),
        message);
  }

  private Duration backoff(int attempt) {
    Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
