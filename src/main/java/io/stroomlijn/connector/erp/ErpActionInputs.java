package io.stroomlijn.connector.erp;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Reads the inputs ERP actions share ({@code companyId}, {@code entitySet}, {@code recordId}) from
 * a task's input parameters, naming the task and input when one is missing or malformed. Such a
 * fault is in the flow's model, so it is an exception (incident), not a BPMN error.
 */
final class ErpActionInputs {

  static final String COMPANY_ID = "companyId";
  static final String COMPANY_NAME = "companyName";
  static final String ENTITY_SET = "entitySet";
  static final String RECORD_ID = "recordId";
  static final String RESULT_VARIABLE = "resultVariable";

  private ErpActionInputs() {}

  static UUID guid(DelegateExecution execution, String input) {
    String text = text(execution, input);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw problem(execution, input, "'" + text + "' is not a GUID");
    }
  }

  /**
   * The company an action works in: {@code companyId}, or {@code companyName} (the company's name,
   * as Power Automate's Business Central actions name it) when there is no id.
   */
  static UUID company(DelegateExecution execution, ErpConnector erp) {
    if (execution.getVariable(COMPANY_ID) != null) {
      return guid(execution, COMPANY_ID);
    }
    String name = text(execution, COMPANY_NAME);
    return erp.companies().stream()
        .filter(company -> name.equals(company.getString("name")))
        .map(Record::id)
        .findFirst()
        .orElseThrow(
            () -> new RecordNotFoundException("There is no company named '" + name + "'."));
  }

  static String text(DelegateExecution execution, String input) {
    Object value = execution.getVariable(input);
    if (value == null || value.toString().isBlank()) {
      throw problem(execution, input, "is required");
    }
    return value.toString().trim();
  }

  static Integer optionalNumber(DelegateExecution execution, String input) {
    Object value = execution.getVariableLocal(input);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      throw problem(execution, input, "'" + value + "' is not a whole number");
    }
  }

  static String optionalText(DelegateExecution execution, String input, String fallback) {
    Object value = execution.getVariableLocal(input);
    return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
  }

  static Map<String, Object> fields(DelegateExecution execution, String input) {
    Object value = execution.getVariableLocal(input);
    if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
      throw problem(execution, input, "must be a map of field names to values");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    map.forEach((key, fieldValue) -> fields.put(String.valueOf(key), fieldValue));
    return fields;
  }

  /** Who the ERP records as having made the change: the run's starter, or the flow. */
  static String changedBy(DelegateExecution execution) {
    Object startedBy = execution.getVariable("startedBy");
    if (startedBy != null) {
      return startedBy.toString();
    }
    return "flow:" + execution.getProcessDefinitionId().split(":")[0];
  }

  private static IllegalArgumentException problem(
      DelegateExecution execution, String input, String message) {
    return new IllegalArgumentException(
        "Task " + execution.getCurrentActivityId() + ", input '" + input + "' " + message);
  }
}
