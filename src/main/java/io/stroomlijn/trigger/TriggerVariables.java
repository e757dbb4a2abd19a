package io.stroomlijn.trigger;

import static io.stroomlijn.flow.RunVariables.*;

import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import java.util.Date;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The variables a triggered run gets (DESIGN.md, "Record triggers"; declared in {@link
 * io.stroomlijn.flow.RunVariables}). The record, the previous record and the changed fields are
 * stored as JSON, so they read as JSON in Cockpit and through {@code /engine-rest}, and as maps and
 * lists in expressions: {@code ${record.displayName}}.
 */
final class TriggerVariables {

  private TriggerVariables() {}

  /** The variables of a run started by an event, ready to be stored. */
  static VariableMap forRun(RecordEvent event) {
    VariableMap variables = plain(event);
    RECORD.putIn(variables, event.record());
    if (hasPrevious(event)) {
      PREVIOUS_RECORD.putIn(variables, event.previousRecord());
      CHANGED_FIELDS.putIn(variables, event.changedFields());
    }
    return variables;
  }

  /**
   * The same variables for evaluating a trigger's condition: the record, previous record and
   * changed fields as the plain maps and lists they are, not serialized to JSON first.
   */
  static VariableMap forCondition(RecordEvent event) {
    VariableMap variables = plain(event);
    variables.putValue(RECORD.name(), event.record());
    if (hasPrevious(event)) {
      variables.putValue(PREVIOUS_RECORD.name(), event.previousRecord());
      variables.putValue(CHANGED_FIELDS.name(), event.changedFields());
    }
    return variables;
  }

  private static VariableMap plain(RecordEvent event) {
    VariableMap variables = Variables.createVariables();
    COMPANY_ID.putIn(variables, event.companyId());
    ENTITY_SET.putIn(variables, event.entitySet());
    RECORD_ID.putIn(variables, event.recordId());
    EVENT_TYPE.putIn(variables, event.type().eventName());
    EVENT_ID.putIn(variables, event.eventId());
    CHANGED_BY.putIn(variables, event.changedBy());
    CHANGED_AT.putIn(variables, Date.from(event.changedAt().toInstant()));
    return variables;
  }

  private static boolean hasPrevious(RecordEvent event) {
    return event.type() != RecordEventType.CREATED
        && event.type() != RecordEventType.DELETED
        && event.previousRecord() != null;
  }
}
