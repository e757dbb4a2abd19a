package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.Map;

/**
 * The business rules of one kind of entity set, applied by {@link RecordWriter} around its generic
 * create, update and delete. {@code values} is the complete new row, changeable in place; {@code
 * given} holds only what the client sent.
 */
public interface RecordRules {

  /** The kind of entity set these rules are for. */
  EntityKind kind();

  /** Completes a new record: numbers, defaults, values taken from related records. */
  default void beforeCreate(
      WriteContext context,
      EntitySetDefinition set,
      Map<String, Object> values,
      Map<String, Object> given) {}

  /** Checks and completes a change; throws to refuse it. */
  default void beforeUpdate(
      WriteContext context,
      EntitySetDefinition set,
      StoredRecord existing,
      Map<String, Object> values,
      Map<String, Object> given) {}

  /** Throws to refuse a deletion. */
  default void beforeDelete(WriteContext context, EntitySetDefinition set, StoredRecord existing) {}

  /** Follows up a write in the same transaction, such as a document's totals after a line. */
  default void afterWrite(
      WriteContext context, EntitySetDefinition set, StoredRecord before, StoredRecord after) {}
}
