package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.FieldDefinition;
import io.stroomlijn.erp.embedded.schema.FieldValues;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Creates, changes and deletes records on a client's behalf, within the caller's transaction:
 * checks the fields sent, applies the entity set's {@link RecordRules} and stores the result.
 */
@Component
public class RecordWriter {

  private static final RecordRules NO_RULES = () -> null;

  private final RecordStore store;
  private final Map<EntityKind, RecordRules> rules = new EnumMap<>(EntityKind.class);

  public RecordWriter(RecordStore store, List<RecordRules> rules) {
    this.store = store;
    rules.forEach(rule -> this.rules.put(rule.kind(), rule));
  }

  public StoredRecord create(
      WriteContext context, EntitySetDefinition set, Map<String, Object> fields) {
    Map<String, Object> given = typedValues(set, fields);
    Map<String, Object> values = new LinkedHashMap<>();
    for (FieldDefinition field : set.fields()) {
      values.put(field.name(), given.getOrDefault(field.name(), field.defaultValue()));
    }
    values.put("id", UUID.randomUUID());
    if (set.hasField(RecordStore.LAST_MODIFIED)) {
      values.put(RecordStore.LAST_MODIFIED, context.now());
    }
    RecordRules recordRules = rulesOf(set);
    recordRules.beforeCreate(context, set, values, given);
    StoredRecord created = new StoredRecord((UUID) values.get("id"), 1, values);
    store.insert(context, set, created);
    recordRules.afterWrite(context, set, null, created);
    return created;
  }

  public StoredRecord update(
      WriteContext context,
      EntitySetDefinition set,
      UUID id,
      Map<String, Object> fields,
      String etag) {
    StoredRecord existing = store.locked(context, set, id);
    Etags.check(existing, etag);
    Map<String, Object> given = typedValues(set, fields);
    Map<String, Object> values = new LinkedHashMap<>(existing.values());
    values.putAll(given);
    RecordRules recordRules = rulesOf(set);
    recordRules.beforeUpdate(context, set, existing, values, given);
    StoredRecord changed = store.save(context, set, existing, values, RecordEventType.MODIFIED);
    if (changed != existing) {
      recordRules.afterWrite(context, set, existing, changed);
    }
    return changed;
  }

  public void delete(WriteContext context, EntitySetDefinition set, UUID id, String etag) {
    StoredRecord existing = store.locked(context, set, id);
    Etags.check(existing, etag);
    RecordRules recordRules = rulesOf(set);
    recordRules.beforeDelete(context, set, existing);
    store.delete(context, set, existing);
    recordRules.afterWrite(context, set, existing, null);
  }

  private RecordRules rulesOf(EntitySetDefinition set) {
    return rules.getOrDefault(set.kind(), NO_RULES);
  }

  /**
   * The typed values of the fields a client sent. Unknown and read-only fields are refused, as
   * Business Central does; OData annotations such as {@code @odata.etag} are ignored.
   */
  private static Map<String, Object> typedValues(
      EntitySetDefinition set, Map<String, Object> fields) {
    Map<String, Object> typed = new LinkedHashMap<>();
    fields.forEach(
        (name, value) -> {
          if (name.startsWith("@")) {
            return;
          }
          FieldDefinition field =
              set.field(name)
                  .orElseThrow(
                      () ->
                          new InvalidRequestException(
                              "BadRequest_PropertyNotFound",
                              name,
                              "The property '"
                                  + name
                                  + "' does not exist on type 'Microsoft.NAV."
                                  + set.entityName()
                                  + "'."));
          if (!field.editable()) {
            throw new InvalidRequestException(
                "BadRequest_PropertyReadOnly",
                name,
                "The property '"
                    + name
                    + "' is read-only on type 'Microsoft.NAV."
                    + set.entityName()
                    + "'.");
          }
          typed.put(name, FieldValues.fromJson(field, value));
        });
    return typed;
  }
}
