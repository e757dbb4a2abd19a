package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordChangedException;
import io.stroomlijn.erp.RecordChanges;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Writes rows and logs each write as a change, in the caller's transaction. Knows no business
 * rules: those are in the {@link RecordRules}, which use this to write related records.
 */
@Component
public class RecordStore {

  /** Maintained by the ERP on every change of a record that has it (lines do not). */
  static final String LAST_MODIFIED = "lastModifiedDateTime";

  private final RecordTable table;
  private final ChangeLog changeLog;

  public RecordStore(RecordTable table, ChangeLog changeLog) {
    this.table = table;
    this.changeLog = changeLog;
  }

  public void insert(WriteContext context, EntitySetDefinition set, StoredRecord record) {
    try {
      table.insert(set, context.companyId(), record);
    } catch (DuplicateKeyException duplicate) {
      throw sameKeyExists(set, record);
    }
    changeLog.created(set, context.companyId(), record, context.user());
  }

  /**
   * Writes new values of a locked record and logs them as a change of the given type; returns the
   * record unchanged, with nothing logged, when no value differs.
   */
  public StoredRecord save(
      WriteContext context,
      EntitySetDefinition set,
      StoredRecord existing,
      Map<String, Object> newValues,
      RecordEventType type) {
    if (RecordChanges.changedFields(existing.values(), newValues).isEmpty()) {
      return existing;
    }
    Map<String, Object> values = new LinkedHashMap<>(newValues);
    if (set.hasField(LAST_MODIFIED)) {
      values.put(LAST_MODIFIED, context.now());
    }
    StoredRecord changed = existing.changedTo(values);
    try {
      if (!table.update(set, context.companyId(), changed, existing.version())) {
        throw new RecordChangedException(
            "The " + set.entityName() + " was changed by another user or process; read it again.");
      }
    } catch (DuplicateKeyException duplicate) {
      throw sameKeyExists(set, changed);
    }
    if (type == RecordEventType.MODIFIED) {
      changeLog.modified(set, context.companyId(), existing, changed, context.user());
    } else {
      changeLog.changed(type, set, context.companyId(), existing, changed, context.user());
    }
    return changed;
  }

  public void delete(WriteContext context, EntitySetDefinition set, StoredRecord existing) {
    table.delete(set, context.companyId(), existing.id());
    changeLog.deleted(set, context.companyId(), existing, context.user());
  }

  /** The record, locked until the transaction ends, or {@link RecordNotFoundException}. */
  public StoredRecord locked(WriteContext context, EntitySetDefinition set, UUID id) {
    return table.find(set, context.companyId(), id, true).orElseThrow(() -> notFound(set, id));
  }

  public static RecordNotFoundException notFound(EntitySetDefinition set, UUID id) {
    return new RecordNotFoundException(
        "The " + set.entityName() + " with id " + id + " does not exist.");
  }

  private static InvalidRequestException sameKeyExists(
      EntitySetDefinition set, StoredRecord record) {
    return new InvalidRequestException(
        "Internal_EntityWithSameKeyExists",
        "number",
        "The " + set.entityName() + " " + record.get("number") + " already exists.");
  }
}
