package io.stroomlijn.erp.embedded.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A row of an entity set's table: its values by field name, in API order, and its row version. */
public record StoredRecord(UUID id, long version, Map<String, Object> values) {

  public StoredRecord {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Object get(String field) {
    return values.get(field);
  }

  /** A copy with other values and the next row version. */
  public StoredRecord changedTo(Map<String, Object> newValues) {
    return new StoredRecord(id, version + 1, newValues);
  }

  /** A copy with other values and the same row version, for values that are not a change. */
  public StoredRecord withValues(Map<String, Object> newValues) {
    return new StoredRecord(id, version, newValues);
  }
}
