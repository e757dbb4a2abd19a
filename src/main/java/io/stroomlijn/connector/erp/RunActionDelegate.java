package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Run action": a bound action such as {@code post} on a record. Inputs {@code
 * companyId} (or {@code companyName}), {@code entitySet}, {@code recordId} and {@code action}.
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.RunAction",
    required = {ErpActionInputs.ENTITY_SET, ErpActionInputs.RECORD_ID, RunActionDelegate.ACTION},
    optional = {ErpActionInputs.COMPANY_ID, ErpActionInputs.COMPANY_NAME})
@Component
public class RunActionDelegate implements JavaDelegate {

  static final String ACTION = "action";

  private final ErpConnector erp;

  RunActionDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    String action = ActionInputs.text(execution, ACTION);
    ErpErrors.run(
        () ->
            erp.runAction(
                ErpActionInputs.company(execution, erp),
                entitySet,
                ActionInputs.guid(execution, ErpActionInputs.RECORD_ID),
                action,
                ErpActionInputs.changedBy(execution)));
  }
}
