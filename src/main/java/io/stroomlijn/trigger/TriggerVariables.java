package io.stroomlijn.trigger;

import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.flow.JsonVariables;
import java.util.Date;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

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

  private TriggerVariables() {}

  /** The variables of a run started by an event, ready to be stored. */
  static VariableMap forRun(RecordEvent event) {
    VariableMap variables = plain(event);
    variables.putValueTyped(RECORD, JsonVariables.json(event.record()));
    if (hasPrevious(event)) {
      variables.putValueTyped(PREVIOUS_RECORD, JsonVariables.json(event.previousRecord()));
      variables.putValueTyped(CHANGED_FIELDS, JsonVariables.json(event.changedFields()));
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
    return event.type() != RecordEventType.CREATED
        && event.type() != RecordEventType.DELETED
        && event.previousRecord() != null;
  }
}
