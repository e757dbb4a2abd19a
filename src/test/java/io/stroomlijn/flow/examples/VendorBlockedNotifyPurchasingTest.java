package io.stroomlijn.flow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** processes/examples/VendorBlockedNotifyPurchasing.bpmn, driven through the ERP API. */
@StroomlijnTest
class VendorBlockedNotifyPurchasingTest {

  static final String FLOW = "VendorBlockedNotifyPurchasing";

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired Companies companies;
  @Autowired HistoryService history;

  ErpFixture erp;
  ApiClient api;
  ExampleFlowRuns runs;
  JsonNode vendor;
  String vendorPath;
  TestUsers users;
  String buyer;

  @BeforeEach
  void vendor() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    runs = new ExampleFlowRuns(history);
    vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    vendorPath = erp.path("vendors", vendor.get("id").asText());
    users = new TestUsers(identity, port);
    buyer = users.create("buyer", users.group("purchasing"));
  }

  @AfterEach
  void removeUsers() {
    users.removeAll();
  }

  @Test
  void notifiesPurchasingWhenAVendorIsBlocked() throws Exception {
    api.patch(vendorPath, Map.of("blocked", "Payment"), "If-Match", "*");

    HistoricProcessInstance run = runs.awaitOne(FLOW, vendor.get("id").asText());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> runs.of(FLOW, vendor.get("id").asText()).get(0).getState().equals("COMPLETED"));
    assertThat(runs.variable(run, "notification"))
        .isEqualTo("Vendor V00010 Fabrikam is now blocked (Payment) by admin; it was not blocked.");
    MimeMessage mail =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> GreenMailUtil.getBody(m).contains(vendor.get("id").asText()))
                        .findFirst(),
                Optional::isPresent)
            .get();
    assertThat(mail.getSubject()).isEqualTo("Vendor V00010 Fabrikam is blocked");
    assertThat(GreenMailUtil.getAddressList(mail.getAllRecipients()))
        .isEqualTo(TestUsers.email(buyer));
    assertThat(GreenMailUtil.getBody(mail))
        .contains("is now blocked (Payment) by admin")
        .contains("Open vendor V00010");
  }

  @Test
  void markupInTheVendorsNameReachesPurchasingAsText() {
    JsonNode hostile =
        erp.create(
            "vendors",
            Map.of(
                "displayName",
                "<a href=\"http://evil.test/login\">Click to re-enter your password</a>"));
    String id = hostile.get("id").asText();

    api.patch(erp.path("vendors", id), Map.of("blocked", "All"), "If-Match", "*");

    MimeMessage mail =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> GreenMailUtil.getBody(m).contains(id))
                        .findFirst(),
                Optional::isPresent)
            .get();
    assertThat(GreenMailUtil.getBody(mail))
        .contains(
            "&lt;a href=&quot;http://evil.test/login&quot;&gt;Click to re-enter your"
                + " password&lt;/a&gt; is now blocked")
        .contains("<a href=\"http")
        .doesNotContain("<a href=\"http://evil.test");
  }

  @Test
  void staysQuietWhenOtherFieldsChangeOrTheVendorIsUnblocked() {
    api.patch(vendorPath, Map.of("displayName", "Fabrikam B.V."), "If-Match", "*");
    api.patch(vendorPath, Map.of("blocked", "All"), "If-Match", "*");
    runs.awaitOne(FLOW, vendor.get("id").asText());

    api.patch(vendorPath, Map.of("blocked", " "), "If-Match", "*");

    String log = "/api/flows/trigger-log?entitySet=vendors&recordId=" + vendor.get("id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get(log).json().get("value").size() == 4);
    assertThat(runs.of(FLOW, vendor.get("id").asText())).hasSize(1);
    JsonNode events = api.get(log).json().get("value");
    assertThat(events.get(0).get("flows").toString()).contains("is false");
    assertThat(events.get(2).get("flows").toString()).contains("watched fields (blocked)");
  }
}
