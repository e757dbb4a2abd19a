package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.events.RecordEventOutbox;
import io.stroomlijn.erp.embedded.events.RecordEventPublisher;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.FieldValues;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records a change as a {@link RecordEvent}: into the outbox within the change's transaction, and
 * to the listeners after its commit.
 */
@Component
public class ChangeLog {

  /** Maintained on every change, so it is not a change of its own. */
  private static final String LAST_MODIFIED = "lastModifiedDateTime";

  private final RecordEventOutbox outbox;
  private final RecordEventPublisher publisher;

  public ChangeLog(RecordEventOutbox outbox, RecordEventPublisher publisher) {
    this.outbox = outbox;
    this.publisher = publisher;
  }

  public void created(EntitySetDefinition set, UUID companyId, StoredRecord after, String user) {
    log(set, companyId, RecordEventType.CREATED, after.values(), null, List.of(), user);
  }

  public void modified(
      EntitySetDefinition set,
      UUID companyId,
      StoredRecord before,
      StoredRecord after,
      String user) {
    log(
        set,
        companyId,
        RecordEventType.MODIFIED,
        after.values(),
        before.values(),
        changedFields(before.values(), after.values()),
        user);
  }

  public void deleted(EntitySetDefinition set, UUID companyId, StoredRecord before, String user) {
    log(set, companyId, RecordEventType.DELETED, before.values(), null, List.of(), user);
  }

  public void posted(
      EntitySetDefinition set,
      UUID companyId,
      StoredRecord before,
      StoredRecord after,
      String user) {
    log(
        set,
        companyId,
        RecordEventType.POSTED,
        after.values(),
        before.values(),
        changedFields(before.values(), after.values()),
        user);
  }

  /** The fields whose value differs, in API order, without the modification time. */
  public static List<String> changedFields(Map<String, Object> before, Map<String, Object> after) {
    List<String> changed = new ArrayList<>();
    after.forEach(
        (field, value) -> {
          if (!LAST_MODIFIED.equals(field) && !FieldValues.same(before.get(field), value)) {
            changed.add(field);
          }
        });
    return changed;
  }

  private void log(
      EntitySetDefinition set,
      UUID companyId,
      RecordEventType type,
      Map<String, Object> record,
      Map<String, Object> previous,
      List<String> changedFields,
      String user) {
    RecordEvent draft =
        new RecordEvent(
            UUID.randomUUID(),
            0,
            companyId,
            set.name(),
            (UUID) record.get("id"),
            type,
            record,
            previous,
            changedFields,
            user,
            OffsetDateTime.now(ZoneOffset.UTC));
    RecordEvent event = draft.withSequence(outbox.append(draft));
    publisher.publishAfterCommit(event);
  }
}
