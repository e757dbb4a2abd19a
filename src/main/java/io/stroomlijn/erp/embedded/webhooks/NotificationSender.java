package io.stroomlijn.erp.embedded.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.embedded.ConditionalOnEmbeddedErp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due notifications, on every node: a node claims a subscription in the database, posts its
 * due windows in one request, and deletes what it delivered in one transaction. A window with more
 * changed records than the collection threshold becomes one {@code collection} notification. Like
 * Business Central, 408, 429, 5xx and no answer are retried with growing waits for up to {@code
 * retry-for}; any other answer, or retries running out, deletes the subscription. Delivery is at
 * least once: a node that dies after the receiver answered but before its commit leaves the rows,
 * and the claim runs out, so another node sends them again.
 */
@ConditionalOnEmbeddedErp
@Component
class NotificationSender implements SmartLifecycle {

  /** Most notifications in one request; a larger backlog goes in several. */
  static final int MAX_PER_REQUEST = 1000;

  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
  private static final int PARALLEL = 4;

  private final WebhookOutbox outbox;
  private final SubscriptionStore subscriptions;
  private final NotificationUrls urls;
  private final WebhookProperties properties;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final String node = UUID.randomUUID().toString();
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile ExecutorService senders;
  private volatile Thread thread;
  private volatile boolean running;

  NotificationSender(
      WebhookOutbox outbox,
      SubscriptionStore subscriptions,
      NotificationUrls urls,
      WebhookProperties properties,
      TransactionTemplate transaction,
      ObjectMapper json) {
    this.outbox = outbox;
    this.subscriptions = subscriptions;
    this.urls = urls;
    this.properties = properties;
    this.transaction = transaction;
    this.json = json;
  }

  /** Changes were committed: look for due notifications now rather than at the next poll. */
  void wakeUp() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  @Override
  public void start() {
    running = true;
    senders = Executors.newFixedThreadPool(PARALLEL, r -> new Thread(r, "erp-webhook-send"));
    thread = new Thread(this::run, "erp-webhook-sender");
    thread.setDaemon(true);
    thread.start();
  }

  /** Lets requests in flight finish (their claims would otherwise wait to run out), then stops. */
  @Override
  public void stop() {
    running = false;
    wakeUps.release();
    Thread current = thread;
    try {
      if (current != null) {
        current.join(properties.requestTimeout().plusSeconds(5).toMillis());
      }
      senders.shutdown();
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    while (running) {
      try {
        if (sendDue() == 0) {
          wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("Sending webhook notifications failed; trying again shortly", e);
        try {
          wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Claims the subscriptions with due notifications and sends to them; returns how many. */
  int sendDue() throws InterruptedException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    outbox.removeExpired(now);
    OffsetDateTime until = now.plus(claimTime());
    List<Callable<Void>> sends = new ArrayList<>();
    for (String id : outbox.dueSubscriptions(now, 50)) {
      if (outbox.claim(id, node, now, until)) {
        sends.add(
            () -> {
              try {
                send(id);
              } catch (RuntimeException e) {
                log.error("Sending to webhook subscription {} failed; trying again shortly", id, e);
              }
              return null;
            });
      }
    }
    if (!sends.isEmpty()) {
      senders.invokeAll(sends);
    }
    return sends.size();
  }

  private Duration claimTime() {
    return properties.requestTimeout().multipliedBy(4).plusMinutes(1);
  }

  private void send(String id) {
    try {
      Optional<Subscription> found = subscriptions.find(id);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      if (found.isEmpty() || found.get().expiredAt(now)) {
        outbox.release(id, node);
        return;
      }
      Subscription subscription = found.get();
      List<WebhookOutbox.Window> windows = new ArrayList<>();
      List<Map<String, Object>> notifications = new ArrayList<>();
      for (WebhookOutbox.Window window : outbox.dueWindows(id, now)) {
        if (!windows.isEmpty() && notifications.size() >= MAX_PER_REQUEST) {
          break;
        }
        windows.add(window);
        notifications.addAll(notifications(subscription, window));
      }
      if (notifications.isEmpty()) {
        transaction.executeWithoutResult(status -> windows.forEach(w -> outbox.remove(id, w)));
        outbox.release(id, node);
        return;
      }
      deliver(subscription, windows, notifications);
    } catch (RuntimeException e) {
      outbox.release(id, node);
      throw e;
    }
  }

  private void deliver(
      Subscription subscription,
      List<WebhookOutbox.Window> windows,
      List<Map<String, Object>> notifications) {
    String id = subscription.id();
    Integer status;
    try {
      status = urls.post(URI.create(subscription.notificationUrl()), body(notifications));
    } catch (IOException e) {
      status = null;
    }
    if (status != null && status >= 200 && status < 300) {
      transaction.executeWithoutResult(
          done -> {
            windows.forEach(window -> outbox.remove(id, window));
            outbox.delivered(id, node);
          });
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    boolean retryable = status == null || status == 408 || status == 429 || status >= 500;
    WebhookOutbox.Failures failures = outbox.failures(id);
    OffsetDateTime since = failures.since() == null ? now : failures.since();
    String answer = status == null ? "no answer" : "the answer " + status;
    if (!retryable || !now.isBefore(since.plus(properties.retryFor()))) {
      subscriptions.delete(id);
      log.warn(
          "Webhook subscription {} deleted: its notification URL gave {}{}",
          id,
          answer,
          retryable ? " for longer than " + properties.retryFor() : "");
      return;
    }
    int attempts = failures.attempts() + 1;
    OffsetDateTime next = now.plus(properties.retryInterval(attempts));
    outbox.failed(id, node, attempts, since, next);
    log.info(
        "Webhook subscription {}: its notification URL gave {}; retry {} at {}",
        id,
        answer,
        attempts,
        next);
  }

  /** A window's notifications: one per changed record, or one collection. */
  private List<Map<String, Object>> notifications(
      Subscription subscription, WebhookOutbox.Window window) {
    if (window.records() > properties.collectionThreshold()) {
      return List.of(
          notification(
              subscription,
              subscription.target().changedSince(window.earliest().toInstant()),
              ChangeType.COLLECTION,
              window.dueAt().minus(properties.delay())));
    }
    Map<UUID, List<WebhookOutbox.StoredChange>> byRecord = new LinkedHashMap<>();
    for (WebhookOutbox.StoredChange change : outbox.changes(subscription.id(), window)) {
      byRecord.computeIfAbsent(change.recordId(), r -> new ArrayList<>()).add(change);
    }
    List<Map<String, Object>> notifications = new ArrayList<>();
    byRecord.forEach(
        (record, changes) -> {
          ChangeType type =
              ChangeType.merged(changes.stream().map(WebhookOutbox.StoredChange::type).toList());
          if (type != null) {
            OffsetDateTime last =
                changes.stream()
                    .map(WebhookOutbox.StoredChange::modifiedAt)
                    .max(OffsetDateTime::compareTo)
                    .orElseThrow();
            notifications.add(
                notification(subscription, subscription.target().record(record), type, last));
          }
        });
    return notifications;
  }

  private static Map<String, Object> notification(
      Subscription subscription, String resource, ChangeType type, OffsetDateTime modified) {
    Map<String, Object> notification = new LinkedHashMap<>();
    notification.put("subscriptionId", subscription.id());
    notification.put("clientState", subscription.clientState());
    notification.put("expirationDateTime", time(subscription.expirationDateTime()));
    notification.put("resource", resource);
    notification.put("changeType", type.json());
    notification.put("lastModifiedDateTime", time(modified));
    return notification;
  }

  static String time(OffsetDateTime time) {
    return time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private String body(List<Map<String, Object>> notifications) {
    try {
      return json.writeValueAsString(Map.of("value", notifications));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a webhook notification", e);
    }
  }
}
