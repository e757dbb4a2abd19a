package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordQuery;
import io.stroomlijn.flow.JsonVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Find one record": the single record matching a {@code $filter}. Inputs {@code
 * companyId} (or {@code companyName}), {@code entitySet}, {@code filter}, {@code resultVariable}.
 * None found is the BPMN error {@code RECORD_NOT_FOUND}, several {@code NOT_UNIQUE}.
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.FindOneRecord",
    required = {
      ErpActionInputs.ENTITY_SET,
      FindRecordsDelegate.FILTER,
      ActionInputs.RESULT_VARIABLE
    },
    optional = {ErpActionInputs.COMPANY_ID, ErpActionInputs.COMPANY_NAME})
@Component
public class FindOneRecordDelegate implements JavaDelegate {

  static final String NOT_UNIQUE = "NOT_UNIQUE";

  private final ErpConnector erp;

  FindOneRecordDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    String filter = ActionInputs.text(execution, FindRecordsDelegate.FILTER);
    String resultVariable = ActionInputs.text(execution, ActionInputs.RESULT_VARIABLE);
    List<Record> found =
        ErpErrors.call(
            () ->
                erp.find(
                        ErpActionInputs.company(execution, erp),
                        entitySet,
                        new RecordQuery(filter, List.of(), null, 2, null, List.of(), false, null))
                    .records());
    if (found.isEmpty()) {
      throw new BpmnError(
          ErpErrors.RECORD_NOT_FOUND, "No record of " + entitySet + " matches " + filter);
    }
    if (found.size() > 1) {
      throw new BpmnError(
          NOT_UNIQUE, "More than one record of " + entitySet + " matches " + filter);
    }
    execution.setVariable(resultVariable, JsonVariables.json(found.get(0).fields()));
  }
}
