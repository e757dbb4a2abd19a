package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.flow.JsonVariables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Get record". Inputs {@code companyId} (or {@code companyName}), {@code entitySet},
 * {@code recordId} and {@code resultVariable}, which gets the record's fields and, as {@code
 * @odata.etag}, the etag to give "Update record" so a concurrent change is detected.
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.GetRecord",
    required = {
      ErpActionInputs.ENTITY_SET,
      ErpActionInputs.RECORD_ID,
      ActionInputs.RESULT_VARIABLE
    },
    optional = {ErpActionInputs.COMPANY_ID, ErpActionInputs.COMPANY_NAME})
@Component
public class GetRecordDelegate implements JavaDelegate {

  static final String ETAG_FIELD = "@odata.etag";

  private final ErpConnector erp;

  GetRecordDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    String resultVariable = ActionInputs.text(execution, ActionInputs.RESULT_VARIABLE);
    Record record =
        ErpErrors.call(
            () ->
                erp.get(
                    ErpActionInputs.company(execution, erp),
                    entitySet,
                    ActionInputs.guid(execution, ErpActionInputs.RECORD_ID)));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put(ETAG_FIELD, record.etag());
    value.putAll(record.fields());
    execution.setVariable(resultVariable, JsonVariables.json(value));
  }
}
