package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.flow.JsonVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Create record". Inputs {@code companyId} (or {@code companyName}), {@code entitySet},
 * {@code fields} (a map; a document may carry its lines under the lines' entity set name) and
 * optional {@code resultVariable}, which gets the created record.
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.CreateRecord",
    required = {ErpActionInputs.ENTITY_SET, UpdateRecordDelegate.FIELDS},
    optional = {
      ErpActionInputs.COMPANY_ID,
      ErpActionInputs.COMPANY_NAME,
      ActionInputs.RESULT_VARIABLE
    })
@Component
public class CreateRecordDelegate implements JavaDelegate {

  private final ErpConnector erp;

  CreateRecordDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    var fields = ActionInputs.map(execution, UpdateRecordDelegate.FIELDS);
    String resultVariable =
        ActionInputs.optionalText(execution, ActionInputs.RESULT_VARIABLE, null);
    Record created =
        ErpErrors.call(
            () ->
                erp.create(
                    ErpActionInputs.company(execution, erp),
                    entitySet,
                    fields,
                    ErpActionInputs.changedBy(execution)));
    if (resultVariable != null) {
      execution.setVariable(resultVariable, JsonVariables.json(created.fields()));
    }
  }
}
