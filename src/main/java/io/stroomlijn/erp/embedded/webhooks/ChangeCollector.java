package io.stroomlijn.erp.embedded.webhooks;

import io.stroomlijn.erp.ErpPermissions;
import io.stroomlijn.erp.ErpPermissions.Access;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventListener;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.ConditionalOnEmbeddedErp;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.schema.LineSpec;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns committed record events into waiting notifications, in the relay's transaction: a change is
 * in the outbox exactly when its event was delivered. A change to a document line counts as an
 * update of its document. Changes join the subscription's open window (the delay after its first
 * change, by commit time) or open a new one. Changes committed before a subscription was made, and
 * subscriptions whose owner can no longer read the company, are not notified.
 */
@ConditionalOnEmbeddedErp
@Component
class ChangeCollector implements RecordEventListener {

  private static final String LAST_MODIFIED = "lastModifiedDateTime";

  private final SubscriptionStore subscriptions;
  private final WebhookOutbox outbox;
  private final EntitySets sets;
  private final ErpPermissions permissions;
  private final WebhookProperties properties;
  private final NotificationSender sender;

  ChangeCollector(
      SubscriptionStore subscriptions,
      WebhookOutbox outbox,
      EntitySets sets,
      ErpPermissions permissions,
      WebhookProperties properties,
      NotificationSender sender,
      RecordEventRelay relay) {
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.sets = sets;
    this.permissions = permissions;
    this.properties = properties;
    this.sender = sender;
    relay.addListener(this);
  }

  @Override
  public void onRecordEvents(List<RecordEvent> events) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<String, List<Subscription>> byTarget = new HashMap<>();
    for (Subscription subscription : subscriptions.active(now)) {
      byTarget
          .computeIfAbsent(key(subscription.target()), k -> new ArrayList<>())
          .add(subscription);
    }
    if (byTarget.isEmpty()) {
      return;
    }
    Map<String, OffsetDateTime> windows = outbox.openWindows(now);
    Map<String, Boolean> allowed = new HashMap<>();
    List<WebhookOutbox.PendingChange> pending = new ArrayList<>();
    for (RecordEvent event : events) {
      Optional<Change> change = change(event);
      if (change.isEmpty()) {
        continue;
      }
      for (Subscription subscription : byTarget.getOrDefault(change.get().key(), List.of())) {
        if (event.changedAt().isBefore(subscription.createdAt())) {
          continue;
        }
        if (!allowed.computeIfAbsent(subscription.id(), id -> mayRead(subscription))) {
          continue;
        }
        OffsetDateTime due = windows.get(subscription.id());
        if (due == null || event.changedAt().isAfter(due)) {
          due = event.changedAt().plus(properties.delay());
          windows.put(subscription.id(), due);
        }
        pending.add(
            new WebhookOutbox.PendingChange(
                subscription.id(),
                change.get().recordId(),
                change.get().type(),
                change.get().modifiedAt(),
                due));
      }
    }
    if (!pending.isEmpty()) {
      outbox.append(pending);
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                sender.wakeUp();
              }
            });
      }
    }
  }

  private boolean mayRead(Subscription subscription) {
    return permissions.allows(
        subscription.userId(), subscription.target().companyId(), Access.READ);
  }

  /** What a subscriber of the event's entity set (or of its document) is told. */
  private Optional<Change> change(RecordEvent event) {
    Optional<EntitySetDefinition> set = sets.find(event.entitySet());
    if (set.isEmpty()) {
      return Optional.empty();
    }
    OffsetDateTime modified = modifiedAt(event);
    Optional<LineSpec> line = set.get().line();
    if (line.isPresent()) {
      Object document = event.record().get("documentId");
      if (document == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Change(
              key(event.companyId(), line.get().documentSet()),
              UUID.fromString(document.toString()),
              ChangeType.UPDATED,
              modified));
    }
    return Optional.of(
        new Change(
            key(event.companyId(), event.entitySet()),
            event.recordId(),
            ChangeType.of(event.type()),
            event.type() == RecordEventType.DELETED ? event.changedAt() : modified));
  }

  /**
   * The record's own modification time (what a collection's $filter compares), else the commit
   * time.
   */
  private static OffsetDateTime modifiedAt(RecordEvent event) {
    Object value = event.record().get(LAST_MODIFIED);
    if (value != null) {
      try {
        return OffsetDateTime.parse(value.toString());
      } catch (DateTimeParseException e) {
        // fall back to the commit time
      }
    }
    return event.changedAt();
  }

  private static String key(SubscribedResource target) {
    return key(target.companyId(), target.entitySet());
  }

  private static String key(UUID companyId, String entitySet) {
    return companyId + "/" + entitySet;
  }

  private record Change(String key, UUID recordId, ChangeType type, OffsetDateTime modifiedAt) {}
}
