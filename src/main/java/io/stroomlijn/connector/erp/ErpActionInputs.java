package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordNotFoundException;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The inputs only ERP actions have: the company (by id or name), record ids, and who the ERP
 * records as having made a change. The rest is read with {@link ActionInputs}.
 */
final class ErpActionInputs {

  static final String COMPANY_ID = "companyId";
  static final String COMPANY_NAME = "companyName";
  static final String ENTITY_SET = "entitySet";
  static final String RECORD_ID = "recordId";

  private ErpActionInputs() {}

  static UUID guid(DelegateExecution execution, String input) {
    String text = ActionInputs.text(execution, input);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ActionInputs.problem(execution, input, "'" + text + "' is not a GUID");
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
    String name = ActionInputs.text(execution, COMPANY_NAME);
    return erp.companies().stream()
        .filter(company -> name.equals(company.getString("name")))
        .map(Record::id)
        .findFirst()
        .orElseThrow(
            () -> new RecordNotFoundException("There is no company named '" + name + "'."));
  }

  /** Who the ERP records as having made the change: the run's starter, or the flow. */
  static String changedBy(DelegateExecution execution) {
    Object startedBy = execution.getVariable("startedBy");
    if (startedBy != null) {
      return startedBy.toString();
    }
    return "flow:" + execution.getProcessDefinitionId().split(":")[0];
  }
}
