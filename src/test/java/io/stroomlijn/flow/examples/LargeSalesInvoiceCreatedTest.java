package io.stroomlijn.flow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** processes/examples/LargeSalesInvoiceCreated.bpmn, driven through the ERP API. */
@StroomlijnTest
class LargeSalesInvoiceCreatedTest {

  static final String FLOW = "LargeSalesInvoiceCreated";

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired HistoryService history;

  ErpFixture erp;
  ApiClient api;
  ExampleFlowRuns runs;
  JsonNode customer;
  JsonNode desk;

  @BeforeEach
  void customerAndItem() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    runs = new ExampleFlowRuns(history);
    customer = erp.create("customers", Map.of("displayName", "Adatum Corporation"));
    desk = erp.item("ATHENS Desk", "1000");
  }

  private JsonNode invoiceFor(int desks) {
    return erp.create(
        "salesInvoices",
        Map.of(
            "customerId", customer.get("id").asText(),
            "salesInvoiceLines",
                List.of(Map.of("itemId", desk.get("id").asText(), "quantity", desks))));
  }

  @Test
  void flagsANewInvoiceOverTenThousandForReview() {
    JsonNode invoice = invoiceFor(10);

    HistoricProcessInstance run = runs.awaitOne(FLOW, invoice.get("id").asText());
    assertThat(runs.variable(run, "reviewNote"))
        .isEqualTo(
            "Sales invoice S-INV100001 for Adatum Corporation totals 12100; please review it.");
  }

  @Test
  void letsASmallInvoiceGoWithTheReasonInTheTriggerLog() {
    JsonNode invoice = invoiceFor(2);

    String log =
        "/api/flows/trigger-log?entitySet=salesInvoices&recordId=" + invoice.get("id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get(log).json().get("value").size() == 1);
    assertThat(runs.of(FLOW, invoice.get("id").asText())).isEmpty();
    assertThat(api.get(log).json().get("value").get(0).get("flows").toString())
        .contains(FLOW)
        .contains("is false");
  }
}
