package io.stroomlijn.flow.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * processes/examples/SalesInvoiceApproval.bpmn, the seed's flow: a sales invoice's approval
 * request, approved into the workbook and Teams, or rejected with an email and a task for the
 * requester. Real SMTP (GreenMail), a real HTTP peer for Teams (WireMock), a real workbook.
 */
@StroomlijnTest
class SalesInvoiceApprovalTest {

  static final String FLOW = "SalesInvoiceApproval";
  static final Path WORKBOOK = Path.of("target/test-workbooks/approvals.xlsx");
  static final String WEBHOOK = "/webhookb2/secret-sales-token";
  static final Duration DEADLINE = Duration.ofSeconds(15);

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @RegisterExtension
  static WireMockExtension teams =
      WireMockExtension.newInstance().options(wireMockConfig().port(18089)).build();

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired ErpConnector erpConnector;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;

  ErpFixture erp;
  ApiClient api;
  TestUsers users;
  String approver;
  String invoice;
  String invoicePath;
  String invoiceNumber;

  @BeforeEach
  void invoiceAndApprover() throws Exception {
    Files.deleteIfExists(WORKBOOK);
    teams.stubFor(post(WEBHOOK).willReturn(aResponse().withStatus(202)));
    users = new TestUsers(identity, port);
    approver = users.create("approver", users.group("invoice-approvers"));
    User admin = identity.createUserQuery().userId("admin").singleResult();
    admin.setEmail("admin@cronus.test");
    identity.saveUser(admin);
    erp = ErpFixture.namedCompany(companies, erpConnector, "CRONUS NL", port);
    api = erp.api();
    String customer =
        erp.create("customers", Map.of("displayName", "Adatum Corporation")).get("id").asText();
    invoice = erp.draftSalesInvoice(customer);
    invoicePath = erp.path("salesInvoices", invoice);
    erp.addSalesInvoiceLine(invoice, erp.item("Bicycle", "1000").get("id").asText(), 12);
    invoiceNumber = erp.read("salesInvoices", invoice).path("number").asText();
  }

  @AfterEach
  void removeUsers() {
    users.removeAll();
  }

  /** The approver's request for this invoice, once it is there. */
  private String requestId() {
    ApiClient client = users.client(approver);
    return await()
        .atMost(DEADLINE)
        .until(
            () -> {
              for (JsonNode request : client.get("/api/approvals").json().get("value")) {
                if (invoice.equals(request.path("recordId").asText())) {
                  return Optional.of(request.path("id").asText());
                }
              }
              return Optional.<String>empty();
            },
            Optional::isPresent)
        .get();
  }

  private boolean runEndedAt(String endEvent) {
    return history
            .createHistoricActivityInstanceQuery()
            .activityId(endEvent)
            .processInstanceId(runId())
            .count()
        > 0;
  }

  private String runId() {
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(FLOW)
        .variableValueEquals(RunVariables.RECORD_ID.name(), invoice)
        .singleResult()
        .getId();
  }

  @Test
  void whilePendingTheInvoiceCannotBePostedAndApprovalAddsARowPostsInTeamsAndReleasesIt()
      throws Exception {
    assertThat(api.post(invoicePath + "/Microsoft.NAV.post", "").errorCode())
        .isEqualTo("BadRequest_ApprovalRequired");

    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    String request = requestId();
    users.client(approver).post("/api/approvals/" + request + "/approve", Map.of("comment", "OK"));

    await().atMost(DEADLINE).until(() -> runEndedAt("EndEvent_Approved"));
    assertThat(erp.read("salesInvoices", invoice).path("approvalStatus").asText())
        .isEqualTo("Released");
    try (InputStream in = Files.newInputStream(WORKBOOK);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      XSSFSheet sheet = workbook.getSheet("Approved invoices");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Invoice");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(invoiceNumber);
      assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Adatum Corporation");
      assertThat(sheet.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(14520.0);
      assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo(approver);
    }
    teams.verify(
        postRequestedFor(urlEqualTo(WEBHOOK))
            .withRequestBody(containing("Sales invoice **" + invoiceNumber + "**")));
    assertThat(api.post(invoicePath + "/Microsoft.NAV.post", "").status()).isEqualTo(204);
  }

  @Test
  void aCustomerNameWithQuotesGoesIntoTheWorkbookAsItIs() throws Exception {
    String customer =
        erp.create("customers", Map.of("displayName", "Quote \"Test\" BV")).get("id").asText();
    invoice = erp.draftSalesInvoice(customer);
    invoicePath = erp.path("salesInvoices", invoice);
    erp.addSalesInvoiceLine(invoice, erp.item("Tandem", "500").get("id").asText(), 1);

    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    users.client(approver).post("/api/approvals/" + requestId() + "/approve", Map.of());

    await().atMost(DEADLINE).until(() -> runEndedAt("EndEvent_Approved"));
    try (InputStream in = Files.newInputStream(WORKBOOK);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      XSSFSheet sheet = workbook.getSheet("Approved invoices");
      assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Quote \"Test\" BV");
      assertThat(sheet.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(605.0);
    }
  }

  @Test
  void aRejectionEmailsTheRequesterAndGivesThemATaskAndReopensTheInvoice() throws Exception {
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    String request = requestId();

    users
        .client(approver)
        .post("/api/approvals/" + request + "/reject", Map.of("comment", "Wrong discount"));

    Task review =
        await()
            .atMost(DEADLINE)
            .until(
                () ->
                    tasks
                        .createTaskQuery()
                        .processInstanceId(runId())
                        .taskDefinitionKey("Task_ReviewRejection")
                        .singleResult(),
                task -> task != null);
    assertThat(review.getAssignee()).isEqualTo("admin");
    MimeMessage mail =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> GreenMailUtil.getBody(m).contains(invoiceNumber))
            .filter(m -> GreenMailUtil.getBody(m).contains("rejected"))
            .findFirst()
            .orElseThrow();
    assertThat(mail.getSubject()).isEqualTo("Sales invoice " + invoiceNumber + " was rejected");
    assertThat(GreenMailUtil.getAddressList(mail.getAllRecipients()))
        .isEqualTo("admin@cronus.test");
    assertThat(GreenMailUtil.getBody(mail)).contains("by " + approver + ": Wrong discount");
    assertThat(erp.read("salesInvoices", invoice).path("approvalStatus").asText())
        .isEqualTo("Open");
    teams.verify(0, postRequestedFor(urlEqualTo(WEBHOOK)));
  }
}
