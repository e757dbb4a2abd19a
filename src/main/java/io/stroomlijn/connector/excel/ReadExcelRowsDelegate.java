package io.stroomlijn.connector.excel;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.flow.JsonVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Action "List rows of an Excel table": inputs {@code workbook}, {@code table} or {@code sheet},
 * optionally {@code keyColumn} and {@code keyValue} (only the rows whose column shows that value),
 * and {@code resultVariable}: a list of rows, each a map of column name to value.
 */
@ActionTemplate(
    id = "io.stroomlijn.excel.ReadRows",
    required = {"workbook", "resultVariable"},
    optional = {"table", "sheet", "keyColumn", "keyValue"})
@Component
public class ReadExcelRowsDelegate implements JavaDelegate {

  private final Workbooks workbooks;

  ReadExcelRowsDelegate(Workbooks workbooks) {
    this.workbooks = workbooks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String name = ExcelInputs.workbook(execution);
    Rows.Location location = ExcelInputs.location(execution);
    String keyColumn = ActionInputs.optionalText(execution, ExcelInputs.KEY_COLUMN, null);
    String keyValue = ActionInputs.optionalText(execution, ExcelInputs.KEY_VALUE, "");
    String resultVariable = ActionInputs.text(execution, ActionInputs.RESULT_VARIABLE);
    List<Map<String, Object>> rows =
        workbooks.read(
            name,
            workbook -> {
              Rows all = ExcelInputs.existing(workbook, name, location);
              return keyColumn == null
                  ? all.all()
                  : all.matching(keyColumn, keyValue).stream().map(all::read).toList();
            });
    execution.setVariable(resultVariable, JsonVariables.json(rows));
  }
}
