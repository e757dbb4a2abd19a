package io.stroomlijn.erp.embedded.schema;

import java.util.List;

/**
 * One field of an entity set.
 *
 * @param name the API name, such as {@code displayName}
 * @param column the table column holding it
 * @param type its type
 * @param maxLength the longest text allowed, for text fields
 * @param enumValues the allowed values, for enum fields, in Business Central's spelling
 * @param enumType the name of the enum type in {@code $metadata}, for enum fields (else null)
 * @param editable whether clients may set it; read-only fields are computed by the ERP
 * @param defaultValue the value of a new record when the client sends none
 */
public record FieldDefinition(
    String name,
    String column,
    FieldType type,
    int maxLength,
    List<String> enumValues,
    String enumType,
    boolean editable,
    Object defaultValue) {

  public FieldDefinition {
    enumValues = List.copyOf(enumValues);
    if (defaultValue == null) {
      defaultValue = type == FieldType.ENUM ? enumValues.get(0) : type.blank();
    }
  }

  /** The column name for an API name: {@code displayName} is stored in {@code display_name}. */
  static String columnFor(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
