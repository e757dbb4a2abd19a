package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.flow.JsonVariables;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Update record": changes fields of one record. Inputs {@code companyId} (or {@code
 * companyName}), {@code entitySet}, {@code recordId}, {@code fields} (a map), optional {@code etag}
 * (the one the flow read, so a concurrent change is detected; {@code *} by default) and {@code
 * resultVariable} (where the record after the change goes).
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.UpdateRecord",
    required = {ErpActionInputs.ENTITY_SET, ErpActionInputs.RECORD_ID, UpdateRecordDelegate.FIELDS},
    optional = {
      ErpActionInputs.COMPANY_ID,
      ErpActionInputs.COMPANY_NAME,
      UpdateRecordDelegate.ETAG,
      ActionInputs.RESULT_VARIABLE
    })
@Component
public class UpdateRecordDelegate implements JavaDelegate {

  static final String FIELDS = "fields";
  static final String ETAG = "etag";

  private final ErpConnector erp;

  UpdateRecordDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    UUID id = ActionInputs.guid(execution, ErpActionInputs.RECORD_ID);
    Map<String, Object> fields = ActionInputs.map(execution, FIELDS);
    String etag = ActionInputs.optionalText(execution, ETAG, "*");
    String resultVariable =
        ActionInputs.optionalText(execution, ActionInputs.RESULT_VARIABLE, null);
    Record updated =
        ErpErrors.call(
            () ->
                erp.update(
                    ErpActionInputs.company(execution, erp),
                    entitySet,
                    id,
                    fields,
                    etag,
                    ErpActionInputs.changedBy(execution)));
    if (resultVariable != null) {
      execution.setVariable(resultVariable, JsonVariables.json(updated.fields()));
    }
  }
}
