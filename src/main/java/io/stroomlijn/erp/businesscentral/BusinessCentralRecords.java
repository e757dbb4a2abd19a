package io.stroomlijn.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.Record;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Business Central's JSON entities as {@link Record}s, with the value types the port promises. The
 * API's JSON does not say a field's type, so it follows from the API v2.0 naming: {@code id} and
 * {@code ...Id} are GUIDs, {@code ...Date} are dates, {@code ...DateTime} are timestamps; whole
 * numbers are {@code Integer} (or {@code BigDecimal} when too large), others {@code BigDecimal}.
 */
final class BusinessCentralRecords {

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private BusinessCentralRecords() {}

  /** The record an entity's JSON describes; arrays of objects become expanded records. */
  static Record toRecord(String entitySet, JsonNode entity) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, List<Record>> expanded = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> properties = entity.fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String name = property.getKey();
      JsonNode value = property.getValue();
      if (name.startsWith("@") || name.contains("@odata.")) {
        continue;
      }
      if (value.isArray()) {
        List<Record> related = new ArrayList<>();
        value.forEach(item -> related.add(toRecord(name, item)));
        expanded.put(name, related);
      } else if (!value.isObject()) {
        fields.put(name, value(name, value));
      }
    }
    Object id = fields.get("id");
    return new Record(
        entitySet,
        id instanceof UUID uuid ? uuid : null,
        entity.path("@odata.etag").asText(null),
        fields,
        expanded);
  }

  static Object value(String name, JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToInt() ? (Object) value.intValue() : value.decimalValue();
    }
    if (value.isNumber()) {
      return new BigDecimal(value.asText());
    }
    String text = value.asText();
    try {
      if ((name.equals("id") || name.endsWith("Id")) && GUID.matcher(text).matches()) {
        return UUID.fromString(text);
      }
      if (name.endsWith("DateTime")) {
        return OffsetDateTime.parse(text);
      }
      if (name.endsWith("Date")) {
        return LocalDate.parse(text);
      }
    } catch (DateTimeParseException notThatType) {
      return text;
    }
    return text;
  }
}
