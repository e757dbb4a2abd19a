package io.stroomlijn.connector.erp;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordQuery;
import io.stroomlijn.flow.JsonVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ERP action "Find records": the records of an entity set matching an OData query. Inputs {@code
 * companyId} (or {@code companyName}), {@code entitySet}, optional {@code filter} ({@code
 * $filter}), {@code orderBy} ({@code $orderby}), {@code top} ({@code $top}), and {@code
 * resultVariable}, which gets the records as a JSON list of field maps.
 */
@ActionTemplate(
    id = "io.stroomlijn.erp.FindRecords",
    required = {ErpActionInputs.ENTITY_SET, ActionInputs.RESULT_VARIABLE},
    optional = {
      ErpActionInputs.COMPANY_ID,
      ErpActionInputs.COMPANY_NAME,
      FindRecordsDelegate.FILTER,
      FindRecordsDelegate.ORDER_BY,
      FindRecordsDelegate.TOP
    })
@Component
public class FindRecordsDelegate implements JavaDelegate {

  static final String FILTER = "filter";
  static final String ORDER_BY = "orderBy";
  static final String TOP = "top";

  private final ErpConnector erp;

  FindRecordsDelegate(ErpConnector erp) {
    this.erp = erp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String entitySet = ActionInputs.text(execution, ErpActionInputs.ENTITY_SET);
    RecordQuery query =
        new RecordQuery(
            ActionInputs.optionalText(execution, FILTER, null),
            List.of(),
            ActionInputs.optionalText(execution, ORDER_BY, null),
            ActionInputs.optionalNumber(execution, TOP),
            null,
            List.of(),
            false,
            null);
    String resultVariable = ActionInputs.text(execution, ActionInputs.RESULT_VARIABLE);
    List<Map<String, Object>> found =
        ErpErrors.call(
            () ->
                erp
                    .find(ErpActionInputs.company(execution, erp), entitySet, query)
                    .records()
                    .stream()
                    .map(Record::fields)
                    .toList());
    execution.setVariable(resultVariable, JsonVariables.json(found));
  }
}
