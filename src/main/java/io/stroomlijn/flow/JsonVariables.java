package io.stroomlijn.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;

/**
 * Process variables holding JSON: records, lists of fields. They read as JSON in Cockpit and
 * through {@code /engine-rest}, and as maps and lists in expressions ({@code
 * ${record.displayName}}).
 */
public final class JsonVariables {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private JsonVariables() {}

  /**
   * A JSON object or array variable, serialized here: writing plain values with one shared mapper
   * is several times cheaper than the engine's per-value type detection.
   */
  public static ObjectValue json(Object value) {
    try {
      return Variables.serializedObjectValue(JSON.writeValueAsString(value))
          .serializationDataFormat(SerializationDataFormats.JSON)
          .objectTypeName(
              value instanceof List ? ArrayList.class.getName() : LinkedHashMap.class.getName())
          .create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a variable as JSON", e);
    }
  }
}
