package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.RecordChanges;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.FieldValues;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import io.stroomlijn.erp.events.RecordEventOutbox;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns the changes of a transaction into {@link RecordEvent}s: one per record, for its net change
 * (a document created and given lines in one request is one creation with its final totals),
 * written to the outbox just before the transaction commits, and announced to the relay after.
 */
@Component
public class ChangeLog {

  private final RecordEventOutbox outbox;
  private final RecordEventRelay relay;

  public ChangeLog(RecordEventOutbox outbox, RecordEventRelay relay) {
    this.outbox = outbox;
    this.relay = relay;
  }

  public void created(EntitySetDefinition set, UUID companyId, StoredRecord after, String user) {
    changes().add(set, companyId, RecordEventType.CREATED, null, after.values(), user);
  }

  public void modified(
      EntitySetDefinition set,
      UUID companyId,
      StoredRecord before,
      StoredRecord after,
      String user) {
    changes().add(set, companyId, RecordEventType.MODIFIED, before.values(), after.values(), user);
  }

  public void deleted(EntitySetDefinition set, UUID companyId, StoredRecord before, String user) {
    changes().add(set, companyId, RecordEventType.DELETED, before.values(), null, user);
  }

  /** A change with a meaning of its own: a posting, an approval request or its cancellation. */
  public void changed(
      RecordEventType type,
      EntitySetDefinition set,
      UUID companyId,
      StoredRecord before,
      StoredRecord after,
      String user) {
    changes().add(set, companyId, type, before.values(), after.values(), user);
  }

  /**
   * Remembers what the current transaction has changed so far; running the returned action puts
   * that back. For a part of a transaction that rolls back to its savepoint (an ERP call a flow
   * makes and catches the failure of), so its changes raise no events.
   */
  public Runnable checkpoint() {
    TransactionChanges changes = changes();
    Map<String, Change> saved = new LinkedHashMap<>();
    changes.byRecord.forEach((key, change) -> saved.put(key, change.copy()));
    return () -> {
      changes.byRecord.clear();
      changes.byRecord.putAll(saved);
    };
  }

  /** The changes of the current transaction, written to the outbox just before it commits. */
  private TransactionChanges changes() {
    TransactionChanges changes =
        (TransactionChanges) TransactionSynchronizationManager.getResource(this);
    if (changes == null) {
      changes = new TransactionChanges();
      TransactionSynchronizationManager.bindResource(this, changes);
      TransactionSynchronizationManager.registerSynchronization(changes);
    }
    return changes;
  }

  /** The net change per record of one transaction, in the order records were first changed. */
  private final class TransactionChanges implements TransactionSynchronization {

    private final Map<String, Change> byRecord = new LinkedHashMap<>();

    void add(
        EntitySetDefinition set,
        UUID companyId,
        RecordEventType type,
        Map<String, Object> before,
        Map<String, Object> after,
        String user) {
      UUID id = (UUID) (after != null ? after : before).get("id");
      String key = set.name() + "/" + id;
      Change earlier = byRecord.get(key);
      if (earlier == null) {
        byRecord.put(key, new Change(set.name(), companyId, id, type, before, after, user));
        return;
      }
      if (earlier.type == RecordEventType.CREATED && type == RecordEventType.DELETED) {
        byRecord.remove(key);
        return;
      }
      earlier.type = merged(earlier.type, type);
      // A deleted record's event carries the record as it was just before the deletion.
      earlier.after = type == RecordEventType.DELETED ? before : after;
      earlier.user = user;
    }

    /**
     * A creation stays a creation, and a posting or an approval request keeps its meaning through
     * later plain modifications in the same transaction; a deletion ends everything.
     */
    private static RecordEventType merged(RecordEventType earlier, RecordEventType later) {
      if (later == RecordEventType.DELETED || earlier == RecordEventType.CREATED) {
        return later == RecordEventType.DELETED ? later : earlier;
      }
      return earlier != RecordEventType.MODIFIED && later == RecordEventType.MODIFIED
          ? earlier
          : later;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      List<RecordEvent> events = new ArrayList<>();
      for (Change change : byRecord.values()) {
        RecordEvent event = change.toEvent(now);
        if (event != null) {
          events.add(event);
        }
      }
      if (!events.isEmpty()) {
        outbox.append(events);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(ChangeLog.this);
      if (status == STATUS_COMMITTED && !byRecord.isEmpty()) {
        relay.wakeUp();
      }
    }
  }

  private static final class Change {
    final String entitySet;
    final UUID companyId;
    final UUID recordId;
    final Map<String, Object> before;
    RecordEventType type;
    Map<String, Object> after;
    String user;

    Change(
        String entitySet,
        UUID companyId,
        UUID recordId,
        RecordEventType type,
        Map<String, Object> before,
        Map<String, Object> after,
        String user) {
      this.entitySet = entitySet;
      this.companyId = companyId;
      this.recordId = recordId;
      this.type = type;
      this.before = before;
      this.after = after;
      this.user = user;
    }

    Change copy() {
      return new Change(entitySet, companyId, recordId, type, before, after, user);
    }

    /** The event for this change, or null when a modification turned out to change nothing. */
    RecordEvent toEvent(OffsetDateTime now) {
      boolean deleted = type == RecordEventType.DELETED;
      boolean withPrevious = type != RecordEventType.CREATED && !deleted;
      List<String> changed = withPrevious ? RecordChanges.changedFields(before, after) : List.of();
      if (type == RecordEventType.MODIFIED && changed.isEmpty()) {
        return null;
      }
      return new RecordEvent(
          UUID.randomUUID(),
          0,
          companyId,
          entitySet,
          recordId,
          type,
          json(deleted && after == null ? before : after),
          withPrevious ? json(before) : null,
          changed,
          user,
          now,
          RecordEventSource.COMMIT);
    }

    private static Map<String, Object> json(Map<String, Object> fields) {
      Map<String, Object> values = new LinkedHashMap<>();
      fields.forEach((field, value) -> values.put(field, FieldValues.toJson(value)));
      return values;
    }
  }
}
