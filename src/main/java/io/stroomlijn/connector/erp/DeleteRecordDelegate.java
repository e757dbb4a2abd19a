package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Delete record". Inputs {@code companyId} (or {@code companyName}), {@code entitySet},
 * {@code recordId} and optional {@code etag} ({@code *} by default).
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.DeleteRecord",
    required = {ErpActionInputs.ENTITY_SET, ErpActionInputs.RECORD_ID},
    optional = {
      ErpActionInputs.COMPANY_ID,
      ErpActionInputs.COMPANY_NAME,
      UpdateRecordDelegate.ETAG
    })
@Component
public class DeleteRecordDelegate implements JavaDelegate {

  private final ErpConnector erp;

  DeleteRecordDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    String etag = ActionInputs.optionalText(execution, UpdateRecordDelegate.ETAG, "*");
    ErpErrors.run(
        () ->
            erp.delete(
                ErpActionInputs.company(execution, erp),
                entitySet,
                ActionInputs.guid(execution, ErpActionInputs.RECORD_ID),
                etag,
                ErpActionInputs.changedBy(execution)));
  }
}
