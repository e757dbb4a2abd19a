package io.stroomlijn.flow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** processes/examples/BlockVendorPayments.bpmn, run from a vendor page over the instant API. */
@StroomlijnTest
class BlockVendorPaymentsTest {

  static final String FLOW = "BlockVendorPayments";

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired HistoryService history;

  ErpFixture erp;
  ApiClient api;
  String vendorId;

  @BeforeEach
  void vendorAndConsent() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    vendorId = erp.create("vendors", Map.of("displayName", "Fabrikam")).get("id").asText();
    api.post("/api/flows/consent", Map.of("agree", true));
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
  void blocksPaymentsToTheVendorAndTellsTheUser() {
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
  }

  @Test
  void withoutNotificationThePurchasersAreLeftAlone() {
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
