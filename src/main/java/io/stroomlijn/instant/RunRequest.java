package io.stroomlijn.instant;

import io.stroomlijn.web.ApiException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /api/flows/instant/{flowKey}/runs}: the record the user selected, the
 * inputs it filled in, and how long to wait for the result.
 */
record RunRequest(
    UUID companyId, String entitySet, UUID recordId, Map<String, Object> inputs, Duration waitFor) {

  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  /** Reads the body, naming the first field that does not fit. */
  static RunRequest of(Map<String, Object> body, String waitParameter) {
    if (body == null) {
      throw ApiException.badParameter(
          "body", "send a JSON object with companyId, entitySet and recordId");
    }
    Object inputs = body.get("inputs");
    if (inputs != null && !(inputs instanceof Map)) {
      throw ApiException.badParameter("inputs", "must be a JSON object of input values by id");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (inputs instanceof Map<?, ?> map) {
      map.forEach((key, value) -> values.put(String.valueOf(key), value));
    }
    Object wait = waitParameter != null ? waitParameter : body.get("wait");
    return new RunRequest(
        guid(body, "companyId"),
        text(body, "entitySet"),
        guid(body, "recordId"),
        values,
        wait(wait));
  }

  private static String text(Map<String, Object> body, String field) {
    if (body.get(field) instanceof String text && !text.isBlank()) {
      return text.trim();
    }
    throw ApiException.badParameter(field, "is required");
  }

  private static UUID guid(Map<String, Object> body, String field) {
    String text = text(body, field);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(field, "'" + text + "' is not a GUID");
    }
  }

  private static Duration wait(Object value) {
    if (value == null || value instanceof String text && text.isBlank()) {
      return Duration.ZERO;
    }
    try {
      Duration wait = Duration.parse(String.valueOf(value).trim());
      if (!wait.isNegative() && wait.compareTo(MAX_WAIT) <= 0) {
        return wait;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw ApiException.badParameter(
        "wait",
        "'" + value + "' is not an ISO 8601 duration from PT0S to PT" + MAX_WAIT.toSeconds() + "S");
  }
}
