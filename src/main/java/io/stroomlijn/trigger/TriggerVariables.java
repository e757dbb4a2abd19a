package io.stroomlijn.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;

/**
 * The variables a triggered run gets (DESIGN.md, "Record triggers"). The record, the previous
 * record and the changed fields are stored as JSON, so they read as JSON in Cockpit and through
 * {@code /engine-rest}, and as maps and lists in expressions: {@code ${record.displayName}}.
 */
final class TriggerVariables {

  static final String COMPANY_ID = "companyId";
  static final String ENTITY_SET = "entitySet";
  static final String RECORD_ID = "recordId";
  static final String EVENT_TYPE = "eventType";
  static final String EVENT_ID = "eventId";
  static final String CHANGED_BY = "changedBy";
  static final String CHANGED_AT = "changedAt";
  static final String RECORD = "record";
  static final String PREVIOUS_RECORD = "previousRecord";
  static final String CHANGED_FIELDS = "changedFields";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TriggerVariables() {}

  /** The variables of a run started by an event, ready to be stored. */
  static VariableMap forRun(RecordEvent event) {
    VariableMap variables = plain(event);
    variables.putValueTyped(RECORD, json(event.record()));
    if (hasPrevious(event)) {
      variables.putValueTyped(PREVIOUS_RECORD, json(event.previousRecord()));
      variables.putValueTyped(CHANGED_FIELDS, json(event.changedFields()));
    }
    return variables;
  }

  /** The same variables as plain Java values, for evaluating a trigger's condition. */
  static VariableMap forCondition(RecordEvent event) {
    VariableMap variables = plain(event);
    variables.putValue(RECORD, event.record());
    if (hasPrevious(event)) {
      variables.putValue(PREVIOUS_RECORD, event.previousRecord());
      variables.putValue(CHANGED_FIELDS, event.changedFields());
    }
    return variables;
  }

  private static VariableMap plain(RecordEvent event) {
    return Variables.createVariables()
        .putValue(COMPANY_ID, event.companyId().toString())
        .putValue(ENTITY_SET, event.entitySet())
        .putValue(RECORD_ID, event.recordId().toString())
        .putValue(EVENT_TYPE, event.type().eventName())
        .putValue(EVENT_ID, event.eventId().toString())
        .putValue(CHANGED_BY, event.changedBy())
        .putValue(CHANGED_AT, Date.from(event.changedAt().toInstant()));
  }

  private static boolean hasPrevious(RecordEvent event) {
    return (event.type() == RecordEventType.MODIFIED || event.type() == RecordEventType.POSTED)
        && event.previousRecord() != null;
  }

  /**
   * A JSON object variable, serialized here: the values are plain JSON already, and writing them
   * with one shared mapper is several times cheaper than the engine's per-value type detection.
   */
  private static ObjectValue json(Object value) {
    try {
      return Variables.serializedObjectValue(JSON.writeValueAsString(value))
          .serializationDataFormat(SerializationDataFormats.JSON)
          .objectTypeName(
              value instanceof List ? ArrayList.class.getName() : LinkedHashMap.class.getName())
          .create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a trigger variable as JSON", e);
    }
  }
}
