package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordNotFoundException;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The inputs only ERP actions have: the company (by id, by name, or the run's own) and who the ERP
 * records as having made a change. The rest, record ids included, is read with {@link
 * ActionInputs}.
 */
final class ErpActionInputs {

  static final String COMPANY_ID = "companyId";
  static final String COMPANY_NAME = "companyName";
  static final String ENTITY_SET = "entitySet";
  static final String RECORD_ID = "recordId";

  private ErpActionInputs() {}

  /**
   * The company an action works in: the task's {@code companyId}, else its {@code companyName} (the
   * company's name, as Power Automate's Business Central actions name it), else the run's own
   * {@code companyId} (every automated and instant flow has one).
   */
  static UUID company(DelegateExecution execution, ErpConnector erp) {
    if (ActionInputs.optionalText(execution, COMPANY_ID, null) != null) {
      return ActionInputs.guid(execution, COMPANY_ID);
    }
    String name = ActionInputs.optionalText(execution, COMPANY_NAME, null);
    if (name != null) {
      return erp.companies().stream()
          .filter(company -> name.equals(company.getString("name")))
          .map(Record::id)
          .findFirst()
          .orElseThrow(
              () -> new RecordNotFoundException("There is no company named '" + name + "'."));
    }
    // An empty companyId input of the task would hide the run's variable; ask the run itself.
    Object runCompany = execution.getProcessInstance().getVariable(COMPANY_ID);
    if (runCompany == null || runCompany.toString().isBlank()) {
      throw ActionInputs.problem(
          execution, COMPANY_ID, "or 'companyName' is required (the run has no companyId)");
    }
    try {
      return UUID.fromString(runCompany.toString().trim());
    } catch (IllegalArgumentException e) {
      throw ActionInputs.problem(
          execution,
          COMPANY_ID,
          "is empty and the run's companyId '" + runCompany + "' is not a GUID");
    }
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
