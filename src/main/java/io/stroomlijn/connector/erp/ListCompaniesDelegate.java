package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.flow.JsonVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ERP action "List companies": every company, as a JSON list in {@code resultVariable}. */
@ActionTemplate(
    id = "io.stroomlijn.erp.ListCompanies",
    required = {ActionInputs.RESULT_VARIABLE},
    optional = {})
@Component
public class ListCompaniesDelegate implements JavaDelegate {

  private final ErpConnector erp;

  ListCompaniesDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String resultVariable = ActionInputs.text(execution, ActionInputs.RESULT_VARIABLE);
    execution.setVariable(
        resultVariable, JsonVariables.json(erp.companies().stream().map(Record::fields).toList()));
  }
}
