package io.stroomlijn.erp.businesscentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.BusinessCentralTenant;
import io.stroomlijn.support.ReceivedMails;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The example flows, unchanged, against Business Central through the connector: Stroomlijn's own
 * embedded ERP plays the tenant (it speaks API v2.0 and the webhook protocol), behind a token
 * endpoint and bearer tokens as Business Central online has them. A second Stroomlijn runs with
 * {@code stroomlijn.erp.connector=business-central} pointed at it: its instant flows change the
 * tenant's records over HTTP, and the tenant's webhook notifications start its automated flows.
 */
class BusinessCentralRoundTripTest {

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

  private static final String ADMIN_PASSWORD = "test-admin-password";

  static ConfigurableApplicationContext tenantApp;
  static ConfigurableApplicationContext stroomlijn;
  static BusinessCentralTenant tenant;
  static ApiClient tenantApi;
  static ApiClient api;
  static String company;
  static String purchaserEmail;
  static List<String> connectorSettings;

  @BeforeAll
  static void startTenantAndConnector() throws IOException {
    // The tenant runs no flows of its own: its processes folder is empty.
    Path noFlows = Files.createTempDirectory("no-flows");
    tenantApp =
        StandaloneApp.start(
            "bcTenant",
            "spring.datasource.url=jdbc:h2:mem:bc-tenant;DB_CLOSE_DELAY=-1",
            "stroomlijn.erp.demo-data=true",
            "stroomlijn.processes.location=" + noFlows);
    int tenantPort = StandaloneApp.port(tenantApp);
    tenantApi = ApiClient.as(tenantPort, "admin", ADMIN_PASSWORD);
    tenant = new BusinessCentralTenant(tenantPort, "admin", ADMIN_PASSWORD, Duration.ofMinutes(5));

    int port = freePort();
    List<String> settings = new ArrayList<>(tenant.connectorSettings());
    settings.add("server.port=" + port);
    settings.add("spring.datasource.url=jdbc:h2:mem:bc-connector;DB_CLOSE_DELAY=-1");
    settings.add(
        "stroomlijn.business-central.notification-url=http://127.0.0.1:"
            + port
            + "/webhooks/business-central");
    settings.add("stroomlijn.business-central.upkeep-interval=PT1S");
    settings.add("stroomlijn.business-central.catch-up-interval=PT5S");
    connectorSettings = settings;
    stroomlijn = startConnector();
    api = ApiClient.as(port, "admin", ADMIN_PASSWORD);
    api.post("/api/flows/consent", Map.of("agree", true));

    TestUsers users = new TestUsers(stroomlijn.getBean(IdentityService.class), port);
    purchaserEmail = TestUsers.email(users.create("rt-purchaser", users.group("purchasing")));
    company = tenantApi.get("/api/v2.0/companies").json().path("value").get(0).path("id").asText();
    // Changes made before Stroomlijn watches a set are its starting point, not events: wait for
    // the first read and the subscription of what the example flows listen to.
    JdbcTemplate jdbc = stroomlijn.getBean(JdbcTemplate.class);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.queryForObject(
                    "SELECT COUNT(*) FROM bc_watched_set WHERE entity_set IN ('vendors',"
                        + " 'salesInvoices') AND subscription_id IS NOT NULL",
                    Integer.class),
            subscribed -> subscribed == 2);
  }

  @AfterAll
  static void stop() {
    if (stroomlijn != null) {
      stroomlijn.close();
    }
    if (tenant != null) {
      tenant.close();
    }
    if (tenantApp != null) {
      tenantApp.close();
    }
  }

  @Test
  void instantFlowsAreOfferedOnTheTenantsPagesAndTheEmbeddedApiIsOff() {
    Response offered = api.get("/api/flows/instant?companyId=" + company + "&entitySet=vendors");

    assertThat(offered.status()).as(offered.toString()).isEqualTo(200);
    assertThat(offered.json().findValuesAsText("key")).contains("BlockVendorPayments");
    assertThat(api.get("/api/v2.0/companies").status())
        .as("no second, embedded set of companies beside Business Central's")
        .isEqualTo(404);
  }

  @Test
  void anInstantFlowChangesTheTenantAndItsNotificationStartsTheAutomatedFlow() {
    String vendor = newVendor("Round Trip Supplies");
    // Business Central gathers a record's changes into one notification: had the block come in
    // the same gathering window as the creation, Stroomlijn would first see the vendor blocked.
    assertThat(triggerLog("vendors", vendor).path("eventType").asText()).isEqualTo("created");

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("companyId", company);
    body.put("entitySet", "vendors");
    body.put("recordId", vendor);
    body.put("inputs", Map.of("reason", "Disputed invoices"));
    body.put("wait", "PT20S");
    Response run = api.post("/api/flows/instant/BlockVendorPayments/runs", body);

    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    assertThat(run.json().path("status").asText()).as(run.toString()).isEqualTo("completed");
    JsonNode changed =
        tenantApi.get("/api/v2.0/companies(" + company + ")/vendors(" + vendor + ")").json();
    assertThat(changed.path("blocked").asText()).isEqualTo("Payment");

    // The tenant notifies the change; VendorBlockedNotifyPurchasing mails purchasing with a link
    // into Business Central's web client.
    MimeMessage mail = mailWithSubjectContaining("Round Trip Supplies is blocked");
    assertThat(ReceivedMails.sentTo(mail, purchaserEmail)).isTrue();
    assertThat(ReceivedMails.text(mail))
        .contains("https://businesscentral.dynamics.com/round-trip/production/");
    JsonNode logged = triggerLog("vendors", vendor);
    assertThat(logged.path("eventType").asText()).isEqualTo("modified");
    assertThat(logged.findValuesAsText("outcome")).contains("started");
    assertThat(logged.path("source").asText()).isEqualTo("notification");
    assertThat(logged.path("changedFields").toString()).contains("\"blocked\"");
  }

  @Test
  void aLargeInvoiceStartsItsExampleFlowAndItsPostingIsAPostedEvent() {
    String customer = create("customers", Map.of("displayName", "Adatum Round Trip"));
    String desk =
        create(
            "items",
            Map.of(
                "displayName", "ATHENS Desk",
                "unitPrice", 1000,
                "taxGroupCode", "VAT21",
                "baseUnitOfMeasureCode", "PCS"));
    String invoice =
        create(
            "salesInvoices",
            Map.of(
                "customerId",
                customer,
                "salesInvoiceLines",
                List.of(Map.of("itemId", desk, "quantity", 10))));

    JsonNode created = triggerLog("salesInvoices", invoice);
    assertThat(created.path("eventType").asText()).isEqualTo("created");
    assertThat(
            tenantApi
                .get("/api/v2.0/companies(" + company + ")/salesInvoices(" + invoice + ")")
                .json()
                .path("totalAmountIncludingTax")
                .decimalValue())
        .isEqualByComparingTo("12100");
    assertThat(created.path("flows").toString())
        .contains("LargeSalesInvoiceCreated")
        .contains("\"outcome\":\"started\"");

    Response posted =
        tenantApi.post(
            "/api/v2.0/companies("
                + company
                + ")/salesInvoices("
                + invoice
                + ")/Microsoft.NAV.post",
            null);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(204);
    JsonNode posting =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> triggerLog("salesInvoices", invoice),
                entry -> entry.path("eventType").asText().equals("posted"));
    assertThat(posting.path("source").asText()).isEqualTo("notification");
    assertThat(posting.path("changedFields").toString()).contains("\"status\"");
  }

  @Test
  void aChangeWhileStroomlijnIsDownStartsItsFlowOnceWhenItIsBack() {
    String vendor = newVendor("Downtime Traders");
    assertThat(triggerLog("vendors", vendor).path("eventType").asText()).isEqualTo("created");

    stroomlijn.close();
    Response blocked =
        tenantApi.patch(
            "/api/v2.0/companies(" + company + ")/vendors(" + vendor + ")",
            Map.of("blocked", "All"),
            "If-Match",
            "*");
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
    // The tenant's notification fails meanwhile; it keeps trying, as Business Central does.
    JdbcTemplate tenantDb = tenantApp.getBean(JdbcTemplate.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tenantDb.queryForObject(
                    "SELECT COUNT(*) FROM erp_webhook_subscription WHERE entity_set = 'vendors'"
                        + " AND failed_attempts > 0",
                    Integer.class),
            failing -> failing > 0);
    OffsetDateTime restarted = OffsetDateTime.now(ZoneOffset.UTC);
    stroomlijn = startConnector();

    mailWithSubjectContaining("Downtime Traders is blocked");
    // Both ways of seeing the change have had their turn before counting: the tenant delivered its
    // retried notification and Stroomlijn read it, and the catch-up at start ran.
    JdbcTemplate db = stroomlijn.getBean(JdbcTemplate.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tenantDb.queryForObject("SELECT COUNT(*) FROM erp_webhook_change", Integer.class)
                        == 0
                    && tenantDb.queryForObject(
                            "SELECT COUNT(*) FROM erp_webhook_subscription WHERE failed_attempts > 0",
                            Integer.class)
                        == 0
                    && db.queryForObject("SELECT COUNT(*) FROM bc_notification", Integer.class) == 0
                    && db.queryForObject(
                            "SELECT COUNT(*) FROM bc_watched_set WHERE entity_set = 'vendors'"
                                + " AND catch_up_due = FALSE AND last_catch_up_at > ?",
                            Integer.class,
                            restarted)
                        == 1);
    assertThat(
            java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(
                    mail -> ReceivedMails.subject(mail).contains("Downtime Traders is blocked")))
        .hasSize(1);
    JsonNode log =
        api.get("/api/flows/trigger-log?entitySet=vendors&recordId=" + vendor).json().path("value");
    assertThat(log.findValuesAsText("eventType")).containsExactly("modified", "created");
  }

  private static ConfigurableApplicationContext startConnector() {
    return StandaloneApp.start("bcConnector", connectorSettings.toArray(String[]::new));
  }

  private String create(String entitySet, Map<String, Object> fields) {
    Response created = tenantApi.post("/api/v2.0/companies(" + company + ")/" + entitySet, fields);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private String newVendor(String name) {
    Response created =
        tenantApi.post("/api/v2.0/companies(" + company + ")/vendors", Map.of("displayName", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private MimeMessage mailWithSubjectContaining(String subject) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                java.util.Arrays.stream(smtp.getReceivedMessages())
                    .filter(mail -> ReceivedMails.subject(mail).contains(subject))
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  /** The newest trigger log entry of a record on the connector's side. */
  private static JsonNode triggerLog(String entitySet, String recordId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/api/flows/trigger-log?entitySet=" + entitySet + "&recordId=" + recordId)
                    .json()
                    .path("value")
                    .path(0),
            entry -> !entry.isMissingNode());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
