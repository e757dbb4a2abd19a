package io.stroomlijn.connector.excel;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.connector.AtCommit;
import java.util.ArrayList;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Action "Add a row to an Excel table": inputs {@code workbook} (a connection of {@code
 * stroomlijn.connections.excel}), {@code table} or {@code sheet}, and {@code values} (column name
 * to value). A missing workbook, table or sheet is created with the values' names as columns.
 *
 * <p>The columns are checked at once, so a wrong name fails the step; the row is written when the
 * step's transaction is about to commit, so a retry never adds it twice.
 */
@ActionTemplate(
    id = "io.stroomlijn.excel.AddRow",
    required = {"workbook", "values"},
    optional = {"table", "sheet"})
@Component
public class AddExcelRowDelegate implements JavaDelegate {

  private final Workbooks workbooks;

  AddExcelRowDelegate(Workbooks workbooks) {
    this.workbooks = workbooks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String name = ExcelInputs.workbook(execution);
    Rows.Location location = ExcelInputs.location(execution);
    Map<String, Object> values = ActionInputs.map(execution, ExcelInputs.VALUES);
    workbooks.read(
        name, workbook -> Rows.find(workbook, location).map(rows -> check(rows, values)));
    AtCommit.run(
        () ->
            workbooks.change(
                name,
                workbook ->
                    Rows.find(workbook, location)
                        .orElseGet(
                            () -> Rows.create(workbook, location, new ArrayList<>(values.keySet())))
                        .append(values)));
  }

  private static Rows check(Rows rows, Map<String, Object> values) {
    rows.checkColumns(values);
    return rows;
  }
}
