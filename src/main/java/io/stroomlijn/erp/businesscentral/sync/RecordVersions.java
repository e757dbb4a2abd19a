package io.stroomlijn.erp.businesscentral.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stroomlijn.erp.RecordChanges;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Business Central's JSON entities as {@link RecordVersion}s, and field maps to and from the JSON
 * kept in {@code bc_seen_record}. Values stay JSON values, as a record event carries them: numbers
 * with a fraction are exact decimals ({@code USE_BIG_DECIMAL_FOR_FLOATS}, like the event outbox)
 * written without trailing zeros as the embedded ERP writes them, so that {@code record.balance >
 * 1000} compares the same against either ERP. OData annotations ({@code @odata.etag}, ...) and
 * related records (only there with {@code $expand}, which the sync never asks for) are left out.
 */
final class RecordVersions {

  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

  private final ObjectMapper json =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** The version an entity's JSON describes; throws when it has no id. */
  RecordVersion fromEntity(JsonNode entity) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> properties = entity.fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String name = property.getKey();
      JsonNode value = property.getValue();
      if (name.startsWith("@") || name.contains("@odata.") || value.isContainerNode()) {
        continue;
      }
      fields.put(name, value(value));
    }
    UUID id = uuid(fields.get("id"));
    if (id == null) {
      throw new IllegalArgumentException("Business Central sent a record without an id");
    }
    JsonNode etag = entity.path("@odata.etag");
    return new RecordVersion(
        id,
        time(fields.get(RecordChanges.LAST_MODIFIED)),
        etag.isTextual() ? etag.asText() : null,
        fields);
  }

  /** A response body as JSON; an empty body is an empty object. */
  JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Business Central sent a body that is not JSON", e);
    }
  }

  String write(Map<String, Object> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a record as JSON", e);
    }
  }

  Map<String, Object> read(String text) {
    try {
      return json.readValue(text, FIELDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read a seen record's JSON", e);
    }
  }

  private static Object value(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      if (value.canConvertToInt()) {
        return value.intValue();
      }
      return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
    }
    if (value.isNumber()) {
      BigDecimal plain = value.decimalValue().stripTrailingZeros();
      return plain.scale() < 0 ? plain.setScale(0) : plain;
    }
    return value.asText();
  }

  private static UUID uuid(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static OffsetDateTime time(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
