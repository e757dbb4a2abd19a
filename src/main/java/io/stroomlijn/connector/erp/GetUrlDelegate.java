package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Get URL": the web client link to a record. Inputs {@code companyId} (or {@code
 * companyName}), {@code entitySet}, {@code recordId}, {@code resultVariable}.
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.GetUrl",
    required = {
      ErpActionInputs.ENTITY_SET,
      ErpActionInputs.RECORD_ID,
      ActionInputs.RESULT_VARIABLE
    },
    optional = {ErpActionInputs.COMPANY_ID, ErpActionInputs.COMPANY_NAME})
@Component
public class GetUrlDelegate implements JavaDelegate {

  private final ErpConnector erp;

  GetUrlDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    String resultVariable = ActionInputs.text(execution, ActionInputs.RESULT_VARIABLE);
    String url =
        ErpErrors.call(
            () ->
                erp.webClientUrl(
                        ErpActionInputs.company(execution, erp),
                        entitySet,
                        ActionInputs.guid(execution, ErpActionInputs.RECORD_ID))
                    .toString());
    execution.setVariable(resultVariable, url);
  }
}
