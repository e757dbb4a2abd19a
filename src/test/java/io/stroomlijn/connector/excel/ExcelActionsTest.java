package io.stroomlijn.connector.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.connector.ActionFlows;
import io.stroomlijn.support.StroomlijnTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The Excel actions on real .xlsx files, read back with Apache POI. */
@StroomlijnTest
class ExcelActionsTest {

  /** Connection "approvals" of the test profile. */
  static final Path APPROVALS = Path.of("target/test-workbooks/approvals.xlsx");

  /** Connection "orders": a workbook prepared the way a user makes one, with a table. */
  static final Path ORDERS = Path.of("target/test-workbooks/orders.xlsx");

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void freshWorkbooks() throws Exception {
    Files.deleteIfExists(APPROVALS);
    Files.createDirectories(ORDERS.getParent());
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      XSSFSheet sheet = workbook.createSheet("Orders 2026");
      sheet.createRow(0).createCell(0).setCellValue("Title above the table");
      XSSFRow header = sheet.createRow(2);
      header.createCell(1).setCellValue("Order");
      header.createCell(2).setCellValue("Customer");
      header.createCell(3).setCellValue("Status");
      XSSFRow first = sheet.createRow(3);
      first.createCell(1).setCellValue(101001);
      first.createCell(2).setCellValue("Fabrikam");
      first.createCell(3).setCellValue("Open");
      XSSFTable table =
          sheet.createTable(
              new AreaReference(
                  new CellReference(2, 1), new CellReference(3, 3), SpreadsheetVersion.EXCEL2007));
      table.setName("Orders");
      table.setDisplayName("Orders");
      table.updateHeaders();
      try (OutputStream out = Files.newOutputStream(ORDERS)) {
        workbook.write(out);
      }
    }
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void addingARowCreatesTheWorkbookAndSheetWithTheColumnsThenAppends() throws Exception {
    deploy(
        ActionFlows.of("ExcelAddApproval", "addExcelRowDelegate")
            .input("workbook", "approvals")
            .input("sheet", "Approved")
            .input(
                "values",
                "{\"Invoice\": \"${invoiceNo}\", \"Amount\": ${amount}, \"Approved by\": \"${approver}\"}"));

    runtime.startProcessInstanceByKey(
        "ExcelAddApproval", Map.of("invoiceNo", "103001", "amount", 12500.5, "approver", "jdoe"));
    runtime.startProcessInstanceByKey(
        "ExcelAddApproval", Map.of("invoiceNo", "103002", "amount", 800, "approver", "mvos"));

    try (XSSFWorkbook workbook = open(APPROVALS)) {
      XSSFSheet sheet = workbook.getSheet("Approved");
      assertThat(cells(sheet.getRow(0))).containsExactly("Invoice", "Amount", "Approved by");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("103001");
      assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(12500.5);
      assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("mvos");
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
    }
  }

  @Test
  void anotherProgramHoldingTheLockFileMakesAWriterWaitUntilItLetsGo(@TempDir Path programs)
      throws Exception {
    deploy(
        ActionFlows.of("ExcelAddWhileLocked", "addExcelRowDelegate")
            .input("workbook", "orders")
            .input("table", "Orders")
            .input(
                "values", "{\"Order\": 101003, \"Customer\": \"Adatum\", \"Status\": \"Open\"}"));
    Process otherProgram = holdFileLock(programs, Path.of(ORDERS + ".lock"));
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> run = writer.submit(() -> runtime.startProcessInstanceByKey("ExcelAddWhileLocked"));

      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> !run.isDone());
      try (XSSFWorkbook workbook = open(ORDERS)) {
        assertThat(workbook.getSheet("Orders 2026").getLastRowNum()).as("not written").isEqualTo(3);
      }

      otherProgram.getOutputStream().close();
      run.get(15, TimeUnit.SECONDS);
    } finally {
      otherProgram.destroy();
      writer.shutdownNow();
    }
    try (XSSFWorkbook workbook = open(ORDERS)) {
      assertThat(workbook.getSheet("Orders 2026").getRow(4).getCell(2).getStringCellValue())
          .isEqualTo("Adatum");
    }
  }

  /**
   * Another program (a JVM of its own: file locks are per process) that takes the lock on {@code
   * lockFile} and holds it until its standard input is closed; returns once it holds the lock.
   */
  private static Process holdFileLock(Path dir, Path lockFile) throws Exception {
    Path source = dir.resolve("HoldFileLock.java");
    Files.writeString(
        source,
        """
        import java.nio.channels.FileChannel;
        import java.nio.channels.FileLock;
        import java.nio.file.Path;
        import java.nio.file.StandardOpenOption;

        public class HoldFileLock {
          public static void main(String[] args) throws Exception {
            try (FileChannel channel =
                    FileChannel.open(
                        Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
              System.out.println("locked");
              System.out.flush();
              while (System.in.read() >= 0) {}
            }
          }
        }
        """);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(java, source.toString(), lockFile.toAbsolutePath().toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("the other program holds the lock").isEqualTo("locked");
    return process;
  }

  @Test
  void addsToAnExistingTableWhichGrowsToIncludeTheRow() throws Exception {
    deploy(
        ActionFlows.of("ExcelAddOrder", "addExcelRowDelegate")
            .input("workbook", "orders")
            .input("table", "Orders")
            .input(
                "values", "{\"Order\": 101002, \"Customer\": \"Contoso\", \"Status\": \"Open\"}"));

    runtime.startProcessInstanceByKey("ExcelAddOrder");

    try (XSSFWorkbook workbook = open(ORDERS)) {
      XSSFSheet sheet = workbook.getSheet("Orders 2026");
      XSSFTable table = sheet.getTables().get(0);
      assertThat(table.getArea().formatAsString()).isEqualTo("B3:D5");
      assertThat(sheet.getRow(4).getCell(2).getStringCellValue()).isEqualTo("Contoso");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Title above the table");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void updatesTheRowWhoseKeyMatchesAndReadsRowsBack() throws Exception {
    deploy(
        ActionFlows.of("ExcelUpdateOrder", "updateExcelRowDelegate")
            .input("workbook", "orders")
            .input("table", "Orders")
            .input("keyColumn", "Order")
            .input("keyValue", "101001")
            .input("values", "{\"Status\": \"Shipped\"}"));
    deploy(
        ActionFlows.of("ExcelReadOrders", "readExcelRowsDelegate")
            .input("workbook", "orders")
            .input("table", "Orders")
            .input("keyColumn", "Customer")
            .input("keyValue", "Fabrikam")
            .input("resultVariable", "orders"));

    runtime.startProcessInstanceByKey("ExcelUpdateOrder");
    String read = runtime.startProcessInstanceByKey("ExcelReadOrders").getId();

    List<Object> orders =
        (List<Object>)
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(read)
                .variableName("orders")
                .singleResult()
                .getValue();
    assertThat(orders)
        .containsExactly(Map.of("Order", 101001, "Customer", "Fabrikam", "Status", "Shipped"));
  }

  @Test
  void noMatchingRowIsTheBpmnErrorRowNotFound() {
    deploy(
        ActionFlows.of("ExcelUpdateMissing", "updateExcelRowDelegate")
            .input("workbook", "orders")
            .input("table", "Orders")
            .input("keyColumn", "Order")
            .input("keyValue", "999999")
            .input("values", "{\"Status\": \"Shipped\"}")
            .catching("ROW_NOT_FOUND"));

    String run = runtime.startProcessInstanceByKey("ExcelUpdateMissing").getId();

    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(run)
                .activityId(ActionFlows.CAUGHT)
                .count())
        .isEqualTo(1);
  }

  @Test
  void anUnknownColumnFailsTheStepNamingTheColumnsAndWritesNothing() throws Exception {
    long before = Files.size(ORDERS);
    deploy(
        ActionFlows.of("ExcelWrongColumn", "addExcelRowDelegate")
            .input("workbook", "orders")
            .input("table", "Orders")
            .input("values", "{\"Order\": 1, \"Colour\": \"red\"}"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("ExcelWrongColumn"))
        .hasMessageContaining(
            "No column named [Colour]; the columns are [Order, Customer, Status]");
    assertThat(Files.size(ORDERS)).isEqualTo(before);
  }

  @Test
  void concurrentRunsAddingRowsKeepEveryRowAndAValidWorkbook() throws Exception {
    deploy(
        ActionFlows.of("ExcelConcurrentAdd", "addExcelRowDelegate")
            .input("workbook", "orders")
            .input("table", "Orders")
            .input(
                "values",
                "{\"Order\": ${orderNo}, \"Customer\": \"Concurrent\", \"Status\": \"Open\"}"));
    int runs = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        int orderNo = 200000 + i;
        started.add(
            pool.submit(
                () ->
                    runtime.startProcessInstanceByKey(
                        "ExcelConcurrentAdd", Map.of("orderNo", orderNo))));
      }
      for (Future<?> run : started) {
        run.get();
      }
    } finally {
      pool.shutdown();
    }

    try (XSSFWorkbook workbook = open(ORDERS)) {
      XSSFSheet sheet = workbook.getSheet("Orders 2026");
      List<Integer> orderNos = new ArrayList<>();
      for (int row = 4; row <= sheet.getLastRowNum(); row++) {
        orderNos.add((int) sheet.getRow(row).getCell(1).getNumericCellValue());
      }
      assertThat(orderNos).hasSize(runs).doesNotHaveDuplicates().allMatch(no -> no >= 200000);
      assertThat(sheet.getTables().get(0).getArea().formatAsString())
          .isEqualTo("B3:D" + (4 + runs));
    }
  }

  private void deploy(ActionFlows flow) {
    deployments.add(flow.deploy(repository));
  }

  private static XSSFWorkbook open(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  private static List<String> cells(XSSFRow row) {
    List<String> values = new ArrayList<>();
    row.forEach(cell -> values.add(cell.getStringCellValue()));
    return values;
  }
}
