package io.stroomlijn.flow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.ReceivedMails;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** processes/examples/BlockVendorPayments.bpmn, run from a vendor page over the instant API. */
@StroomlijnTest
class BlockVendorPaymentsTest {

  static final String FLOW = "BlockVendorPayments";

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired Companies companies;
  @Autowired HistoryService history;

  ErpFixture erp;
  ApiClient api;
  String vendorId;
  TestUsers users;
  String purchaser;

  @BeforeEach
  void vendorPurchaserAndConsent() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    vendorId = erp.create("vendors", Map.of("displayName", "Fabrikam")).get("id").asText();
    api.post("/api/flows/consent", Map.of("agree", true));
    users = new TestUsers(identity, port);
    purchaser = users.create("purchaser", users.group("purchasing"));
  }

  @AfterEach
  void removeUsers() {
    users.removeAll();
  }

  /** The mails to an address, once the expected number arrived. */
  private List<MimeMessage> mailsTo(String address, int expected) {
    await().atMost(Duration.ofSeconds(10)).until(() -> mails(address).size() >= expected);
    return mails(address);
  }

  private List<MimeMessage> mails(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(mail -> GreenMailUtil.getAddressList(recipients(mail)).contains(address))
        .toList();
  }

  private static List<String> subjects(List<MimeMessage> mails) {
    return mails.stream().map(ReceivedMails::subject).toList();
  }

  private static jakarta.mail.Address[] recipients(MimeMessage mail) {
    try {
      return mail.getAllRecipients();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response run(Map<String, Object> inputs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("companyId", erp.company().toString());
    body.put("entitySet", "vendors");
    body.put("recordId", vendorId);
    body.put("inputs", inputs);
    body.put("wait", "PT10S");
    return api.post("/api/flows/instant/" + FLOW + "/runs", body);
  }

  @Test
  void isOfferedOnVendorPagesOnly() {
    String list = "/api/flows/instant?companyId=" + erp.company() + "&entitySet=";

    assertThat(api.get(list + "vendors").json().findValuesAsText("key")).contains(FLOW);
    assertThat(api.get(list + "customers").json().findValuesAsText("key")).doesNotContain(FLOW);
  }

  @Test
  void blocksPaymentsToTheVendorAndTellsTheUser() throws Exception {
    Response response = run(Map.of("reason", "Disputed invoices", "notifyPurchasers", true));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().path("status").asText()).isEqualTo("completed");
    assertThat(response.json().path("response").path("responseMessage").asText())
        .isEqualTo(
            "Payments to vendor V00010 Fabrikam are blocked. Reason: Disputed invoices."
                + " The purchasers are notified.");
    assertThat(erp.read("vendors", vendorId).path("blocked").asText()).isEqualTo("Payment");
    HistoricProcessInstance run =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(response.json().path("runId").asText())
            .singleResult();
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(run.getId())
                .activityId("Task_NotifyPurchasers")
                .count())
        .isEqualTo(1);
    // The block also starts the example VendorBlockedNotifyPurchasing, whose own mail to the
    // same group may arrive first: pick this flow's mail by its subject.
    MimeMessage mail =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    mails(TestUsers.email(purchaser)).stream()
                        .filter(
                            m ->
                                "Payments to V00010 Fabrikam blocked"
                                    .equals(ReceivedMails.subject(m)))
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
    assertThat(GreenMailUtil.getBody(mail))
        .contains("admin blocked payments to vendor V00010 Fabrikam")
        .contains("Reason: Disputed invoices")
        .contains("page=26")
        .contains(vendorId);
  }

  @Test
  void emailsTheVendorTheUsersMessage() throws Exception {
    api.patch(erp.path("vendors", vendorId), Map.of("email", "ap@fabrikam.test"), "If-Match", "*");

    Response response =
        run(
            Map.of(
                "reason",
                "Disputed invoices",
                "messageToVendor",
                "Payments are on hold until invoice 108 is corrected."));

    assertThat(response.json().path("response").path("responseMessage").asText())
        .isEqualTo(
            "Payments to vendor V00010 Fabrikam are blocked. Reason: Disputed invoices."
                + " The vendor is emailed at ap@fabrikam.test.");
    MimeMessage mail = mailsTo("ap@fabrikam.test", 1).get(0);
    assertThat(mail.getSubject()).isEqualTo("Payments to Fabrikam on hold");
    assertThat(GreenMailUtil.getBody(mail))
        .isEqualTo("Payments are on hold until invoice 108 is corrected.");
    assertThat(subjects(mails(TestUsers.email(purchaser))))
        .doesNotContain("Payments to V00010 Fabrikam blocked");
  }

  @Test
  void withoutNotificationThePurchasersAreLeftAloneAndAVendorWithoutEmailGetsNone() {
    Response response = run(Map.of("reason", "Bank details unverified"));

    assertThat(response.json().path("response").path("responseMessage").asText())
        .isEqualTo(
            "Payments to vendor V00010 Fabrikam are blocked. Reason: Bank details unverified.");
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .activityId("Task_NotifyPurchasers")
                .processInstanceId(
                    history
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(response.json().path("runId").asText())
                        .singleResult()
                        .getId())
                .count())
        .isZero();
    // (purchasing still hears of it from the flow "Notify purchasing when a vendor is blocked")
    assertThat(subjects(Arrays.asList(smtp.getReceivedMessages())))
        .doesNotContain("Payments to V00010 Fabrikam blocked", "Payments to Fabrikam on hold");
  }

  @Test
  void markupInTheVendorsNameAndTheReasonReachesThePurchasersAsText() {
    String markup = "<a href=\"http://evil.test/login\">Click to re-enter your password</a>";
    api.patch(erp.path("vendors", vendorId), Map.of("displayName", markup), "If-Match", "*");

    Response response = run(Map.of("reason", "<b>Fraud</b>", "notifyPurchasers", true));

    assertThat(response.json().path("status").asText())
        .as(response.toString())
        .isEqualTo("completed");
    String address = TestUsers.email(purchaser);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> subjects(mails(address)).stream().anyMatch(s -> s.startsWith("Payments to")));
    MimeMessage mail =
        mails(address).stream()
            .filter(m -> ReceivedMails.subject(m).startsWith("Payments to"))
            .findFirst()
            .orElseThrow();
    assertThat(GreenMailUtil.getBody(mail))
        .contains(
            "&lt;a href=&quot;http://evil.test/login&quot;&gt;Click to re-enter your"
                + " password&lt;/a&gt;")
        .contains("Reason: &lt;b&gt;Fraud&lt;/b&gt;")
        .contains("<a href=\"http")
        .doesNotContain("<a href=\"http://evil.test")
        .doesNotContain("<b>");
  }

  @Test
  void aReasonIsRequiredAndTheVendorStaysUnblocked() {
    Response response = run(Map.of("notifyPurchasers", true));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("details").get(0).path("target").asText())
        .isEqualTo("inputs.reason");
    assertThat(erp.read("vendors", vendorId).path("blocked").asText()).isEqualTo(" ");
  }
}
