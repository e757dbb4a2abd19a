package io.stroomlijn.connector.excel;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.connector.AtCommit;
import io.stroomlijn.connector.ConnectorException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Action "Update a row in an Excel table": inputs {@code workbook}, {@code table} or {@code sheet},
 * {@code keyColumn} and {@code keyValue} (which row), and {@code values}. No such row is the BPMN
 * error {@code ROW_NOT_FOUND}, several are {@code NOT_UNIQUE}.
 *
 * <p>The row is looked up at once (so those errors can be caught) and changed when the step's
 * transaction is about to commit.
 */
@ActionTemplate(
    id = "io.stroomlijn.excel.UpdateRow",
    required = {"workbook", "keyColumn", "keyValue", "values"},
    optional = {"table", "sheet"})
@Component
public class UpdateExcelRowDelegate implements JavaDelegate {

  private final Workbooks workbooks;

  UpdateExcelRowDelegate(Workbooks workbooks) {
    this.workbooks = workbooks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String name = ExcelInputs.workbook(execution);
    Rows.Location location = ExcelInputs.location(execution);
    String keyColumn = ActionInputs.text(execution, ExcelInputs.KEY_COLUMN);
    String keyValue = ActionInputs.text(execution, ExcelInputs.KEY_VALUE);
    Map<String, Object> values = ActionInputs.map(execution, ExcelInputs.VALUES);
    int matches =
        workbooks.read(
            name,
            workbook -> {
              Rows rows = ExcelInputs.existing(workbook, name, location);
              rows.checkColumns(values);
              return rows.matching(keyColumn, keyValue).size();
            });
    String row = "the row of " + location + " whose " + keyColumn + " is '" + keyValue + "'";
    if (matches == 0) {
      throw new BpmnError(ExcelInputs.ROW_NOT_FOUND, "There is no " + row.substring(4));
    }
    if (matches > 1) {
      throw new BpmnError(
          ExcelInputs.NOT_UNIQUE,
          matches + " rows of " + location + " have " + keyColumn + " '" + keyValue + "'");
    }
    AtCommit.run(
        () ->
            workbooks.change(
                name,
                workbook -> {
                  Rows rows = ExcelInputs.existing(workbook, name, location);
                  List<Integer> found = rows.matching(keyColumn, keyValue);
                  if (found.size() != 1) {
                    throw new ConnectorException(
                        "Excel workbook '"
                            + name
                            + "' changed meanwhile: "
                            + row
                            + " is no longer one row");
                  }
                  rows.update(found.get(0), values);
                }));
  }
}
