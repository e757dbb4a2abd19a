package io.stroomlijn.connector.excel;

import io.stroomlijn.connector.ActionInputs;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The inputs the Excel actions share: which workbook, and a table or a sheet in it. */
final class ExcelInputs {

  static final String WORKBOOK = "workbook";
  static final String TABLE = "table";
  static final String SHEET = "sheet";
  static final String VALUES = "values";
  static final String KEY_COLUMN = "keyColumn";
  static final String KEY_VALUE = "keyValue";
  static final String ROW_NOT_FOUND = "ROW_NOT_FOUND";
  static final String NOT_UNIQUE = "NOT_UNIQUE";

  private ExcelInputs() {}

  static String workbook(DelegateExecution execution) {
    return ActionInputs.text(execution, WORKBOOK);
  }

  static Rows.Location location(DelegateExecution execution) {
    String table = ActionInputs.optionalText(execution, TABLE, null);
    String sheet = ActionInputs.optionalText(execution, SHEET, null);
    if ((table == null) == (sheet == null)) {
      throw ActionInputs.problem(execution, TABLE, "or 'sheet' is required, and not both");
    }
    return new Rows.Location(table, sheet);
  }

  /** The rows at the location, or an error naming what is missing. */
  static Rows existing(XSSFWorkbook workbook, String name, Rows.Location location) {
    if (workbook == null) {
      throw new IllegalArgumentException("Excel workbook '" + name + "' does not exist yet");
    }
    return Rows.find(workbook, location)
        .orElseThrow(
            () -> new IllegalArgumentException("Excel workbook '" + name + "' has no " + location));
  }
}
