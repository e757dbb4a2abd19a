package io.stroomlijn.connector.excel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The rows of an Excel table (by name, as Power Automate's Excel actions address them) or of a
 * sheet whose first row holds the column names. Rows are maps of column name to value: text, whole
 * numbers as Long, other numbers as Double, booleans, dates as ISO text.
 */
final class Rows {

  private final XSSFSheet sheet;
  private final XSSFTable table;
  private final int headerRow;
  private final int firstColumn;
  private final List<String> columns;
  private final Map<String, CellStyle> dateStyles = new HashMap<>();

  private Rows(XSSFSheet sheet, XSSFTable table, int headerRow, int firstColumn) {
    this.sheet = sheet;
    this.table = table;
    this.headerRow = headerRow;
    this.firstColumn = firstColumn;
    this.columns = readColumns();
  }

  /** The rows at a location of a workbook; empty when the table or sheet does not exist. */
  static Optional<Rows> find(XSSFWorkbook workbook, Location location) {
    if (workbook == null) {
      return Optional.empty();
    }
    if (location.table() != null) {
      for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
        for (XSSFTable candidate : workbook.getSheetAt(i).getTables()) {
          if (location.table().equalsIgnoreCase(candidate.getName())) {
            if (candidate.getTotalsRowCount() > 0) {
              throw new IllegalArgumentException(
                  "Table '" + candidate.getName() + "' has a totals row, which is not supported");
            }
            return Optional.of(
                new Rows(
                    workbook.getSheetAt(i),
                    candidate,
                    candidate.getStartRowIndex(),
                    candidate.getStartColIndex()));
          }
        }
      }
      return Optional.empty();
    }
    XSSFSheet sheet = workbook.getSheet(location.sheet());
    return sheet == null ? Optional.empty() : Optional.of(new Rows(sheet, null, 0, 0));
  }

  /**
   * Creates the table or sheet with these columns in the workbook; a table gets one empty data row,
   * which the first added row fills, since an Excel table needs at least one.
   */
  static Rows create(XSSFWorkbook workbook, Location location, List<String> columns) {
    XSSFSheet sheet = workbook.createSheet(location.name());
    XSSFRow header = sheet.createRow(0);
    for (int i = 0; i < columns.size(); i++) {
      header.createCell(i).setCellValue(columns.get(i));
    }
    if (location.table() != null) {
      XSSFTable table =
          sheet.createTable(
              new AreaReference(
                  new CellReference(0, 0),
                  new CellReference(1, columns.size() - 1),
                  SpreadsheetVersion.EXCEL2007));
      table.setName(location.table());
      table.setDisplayName(location.table());
      table.updateHeaders();
      sheet.createRow(1);
      return new Rows(sheet, table, 0, 0);
    }
    return new Rows(sheet, null, 0, 0);
  }

  List<String> columns() {
    return columns;
  }

  /** Every data row, in order. */
  List<Map<String, Object>> all() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int index : dataRowIndexes()) {
      rows.add(read(index));
    }
    return rows;
  }

  /** The data rows whose {@code column} shows {@code value} (compared as displayed text). */
  List<Integer> matching(String column, String value) {
    int offset = columnOffset(column);
    List<Integer> matches = new ArrayList<>();
    for (int index : dataRowIndexes()) {
      XSSFRow row = sheet.getRow(index);
      Cell cell = row == null ? null : row.getCell(firstColumn + offset);
      if (value.equals(text(cell))) {
        matches.add(index);
      }
    }
    return matches;
  }

  Map<String, Object> read(int rowIndex) {
    XSSFRow row = sheet.getRow(rowIndex);
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i), row == null ? null : value(row.getCell(firstColumn + i)));
    }
    return values;
  }

  /** Adds a row after the last one; a table grows to include it. */
  void append(Map<String, Object> values) {
    checkColumns(values);
    int rowIndex = nextRowIndex();
    write(rowIndex, values);
    if (table != null && rowIndex > table.getEndRowIndex()) {
      table.setArea(
          new AreaReference(
              new CellReference(table.getStartRowIndex(), table.getStartColIndex()),
              new CellReference(rowIndex, table.getEndColIndex()),
              SpreadsheetVersion.EXCEL2007));
    }
  }

  void update(int rowIndex, Map<String, Object> values) {
    checkColumns(values);
    write(rowIndex, values);
  }

  /** Columns of {@code values} this table or sheet does not have, if any, as an error. */
  void checkColumns(Map<String, Object> values) {
    List<String> unknown =
        values.keySet().stream().filter(name -> !columns.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "No column named " + unknown + "; the columns are " + columns);
    }
  }

  int columnOffset(String column) {
    int offset = columns.indexOf(column);
    if (offset < 0) {
      throw new IllegalArgumentException(
          "No column named '" + column + "'; the columns are " + columns);
    }
    return offset;
  }

  private void write(int rowIndex, Map<String, Object> values) {
    XSSFRow row =
        sheet.getRow(rowIndex) == null ? sheet.createRow(rowIndex) : sheet.getRow(rowIndex);
    values.forEach(
        (column, value) -> {
          int columnIndex = firstColumn + columns.indexOf(column);
          Cell cell =
              row.getCell(columnIndex) == null
                  ? row.createCell(columnIndex)
                  : row.getCell(columnIndex);
          set(cell, value);
        });
  }

  private void set(Cell cell, Object value) {
    if (value == null) {
      cell.setBlank();
    } else if (value instanceof Number number) {
      cell.setCellValue(new BigDecimal(number.toString()).doubleValue());
    } else if (value instanceof Boolean flag) {
      cell.setCellValue(flag);
    } else if (value instanceof Date date) {
      cell.setCellValue(LocalDateTime.ofInstant(date.toInstant(), ZoneId.systemDefault()));
      cell.setCellStyle(dateStyle("yyyy-mm-dd hh:mm"));
    } else if (value instanceof LocalDate date) {
      cell.setCellValue(date);
      cell.setCellStyle(dateStyle("yyyy-mm-dd"));
    } else {
      cell.setCellValue(value.toString());
    }
  }

  private CellStyle dateStyle(String format) {
    return dateStyles.computeIfAbsent(
        format,
        key -> {
          XSSFWorkbook workbook = sheet.getWorkbook();
          CellStyle style = workbook.createCellStyle();
          style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(key));
          return style;
        });
  }

  /** The first row after the data: for a table whose only row is still empty, that row. */
  private int nextRowIndex() {
    if (table != null) {
      int end = table.getEndRowIndex();
      if (end == headerRow + 1 && isBlank(sheet.getRow(end))) {
        return end;
      }
      return end + 1;
    }
    List<Integer> rows = dataRowIndexes();
    return rows.isEmpty() ? headerRow + 1 : rows.get(rows.size() - 1) + 1;
  }

  private List<Integer> dataRowIndexes() {
    int last = table != null ? table.getEndRowIndex() : sheet.getLastRowNum();
    List<Integer> indexes = new ArrayList<>();
    for (int i = headerRow + 1; i <= last; i++) {
      if (!isBlank(sheet.getRow(i))) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  private boolean isBlank(XSSFRow row) {
    if (row == null) {
      return true;
    }
    for (int i = 0; i < columns.size(); i++) {
      Object value = value(row.getCell(firstColumn + i));
      if (value != null && !value.toString().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private List<String> readColumns() {
    XSSFRow header = sheet.getRow(headerRow);
    List<String> names = new ArrayList<>();
    int last =
        table != null ? table.getEndColIndex() : header == null ? -1 : header.getLastCellNum() - 1;
    for (int i = firstColumn; i <= last; i++) {
      String name = header == null ? "" : text(header.getCell(i));
      if (name.isBlank() && table == null) {
        break;
      }
      names.add(name.trim());
    }
    return names;
  }

  private static Object value(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType type =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    return switch (type) {
      case NUMERIC -> number(cell);
      case BOOLEAN -> cell.getBooleanCellValue();
      case STRING -> cell.getStringCellValue();
      default -> null;
    };
  }

  private static Object number(Cell cell) {
    if (DateUtil.isCellDateFormatted(cell)) {
      LocalDateTime date = cell.getLocalDateTimeCellValue();
      return date.toLocalTime().equals(LocalTime.MIDNIGHT)
          ? date.toLocalDate().toString()
          : date.toString();
    }
    double number = cell.getNumericCellValue();
    return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : number;
  }

  /** A cell as text, the way it compares with a key: whole numbers without decimals. */
  private static String text(Cell cell) {
    Object value = value(cell);
    return value == null ? "" : value.toString();
  }

  /** Where rows live: a named table, or a sheet. */
  record Location(String table, String sheet) {
    String name() {
      return table != null ? table : sheet;
    }

    @Override
    public String toString() {
      return table != null ? "table '" + table + "'" : "sheet '" + sheet + "'";
    }
  }
}
