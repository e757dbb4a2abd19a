package io.stroomlijn.erp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One ERP record as the API shows it: its entity set, etag and fields in API order. Field values
 * are {@code String}, {@code BigDecimal}, {@code Integer}, {@code Boolean}, {@code LocalDate},
 * {@code OffsetDateTime} or {@code UUID}. {@code expanded} holds related records asked for with
 * {@code $expand}, such as the lines of a document.
 */
public record Record(
    String entitySet,
    UUID id,
    String etag,
    Map<String, Object> fields,
    Map<String, List<Record>> expanded) {

  public Record {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    expanded = expanded == null ? Map.of() : Map.copyOf(expanded);
  }

  public Record(String entitySet, UUID id, String etag, Map<String, Object> fields) {
    this(entitySet, id, etag, fields, Map.of());
  }

  /** The value of one field, or null when the record has no such field (or it was not selected). */
  public Object get(String field) {
    return fields.get(field);
  }

  /** The value of a text field, or null. */
  public String getString(String field) {
    Object value = fields.get(field);
    return value == null ? null : value.toString();
  }
}
