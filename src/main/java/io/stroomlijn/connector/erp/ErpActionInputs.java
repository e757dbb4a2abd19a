package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.flow.RunVariables;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The inputs only ERP actions have: the company (by id, by name, or the run's own) and who the ERP
 * records as having made a change. The rest, record ids included, is read with {@link
 * ActionInputs}. The record's company, entity set and id are inputs named after the run's variables
 * ({@link RunVariables}), so a task without them works on the run's own record.
 */
final class ErpActionInputs {

  static final String COMPANY_ID = RunVariables.Names.COMPANY_ID;
  static final String COMPANY_NAME = "companyName";
  static final String ENTITY_SET = RunVariables.Names.ENTITY_SET;
  static final String RECORD_ID = RunVariables.Names.RECORD_ID;

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
    Object runCompany = execution.getProcessInstance().getVariable(RunVariables.COMPANY_ID.name());
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
    String startedBy = RunVariables.STARTED_BY.fromOrNull(execution);
    if (startedBy != null) {
      return startedBy;
    }
    return "flow:" + execution.getProcessDefinitionId().split(":")[0];
  }
}
