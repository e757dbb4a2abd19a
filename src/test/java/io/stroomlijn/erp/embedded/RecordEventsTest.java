package io.stroomlijn.erp.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every committed change reaches the listeners of the ErpConnector port as a RecordEvent. */
@StroomlijnTest
class RecordEventsTest {

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired ErpConnector connector;
  @Autowired JdbcTemplate jdbc;

  final List<RecordEvent> events = new CopyOnWriteArrayList<>();
  ErpFixture erp;
  ApiClient api;

  @BeforeEach
  void listen() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    UUID company = erp.company();
    connector.addRecordEventListener(
        event -> {
          if (event.companyId().equals(company)) {
            events.add(event);
          }
        });
  }

  @Test
  void aCreatedRecordEmitsACreatedEventWithTheRecordAndWhoCreatedIt() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));

    assertThat(events).hasSize(1);
    RecordEvent event = events.get(0);
    assertThat(event.type()).isEqualTo(RecordEventType.CREATED);
    assertThat(event.entitySet()).isEqualTo("vendors");
    assertThat(event.recordId().toString()).isEqualTo(vendor.get("id").asText());
    assertThat(event.record())
        .containsEntry("displayName", "Fabrikam")
        .containsEntry("number", "V00010");
    assertThat(event.changedBy()).isEqualTo(StroomlijnTest.ADMIN);
    assertThat(event.changedAt()).isNotNull();
    assertThat(event.previousRecord()).isNull();
  }

  @Test
  void aModificationCarriesThePreviousRecordAndTheChangedFields() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    events.clear();

    api.patch(
        erp.path("vendors", vendor.get("id").asText()),
        Map.of("blocked", "Payment"),
        "If-Match",
        "*");

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(RecordEventType.MODIFIED);
              assertThat(event.changedFields()).containsExactly("blocked");
              assertThat(event.record()).containsEntry("blocked", "Payment");
              assertThat(event.previousRecord()).containsEntry("blocked", " ");
            });
  }

  @Test
  void aDeletionCarriesTheRecordAsItWas() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    events.clear();

    api.delete(erp.path("vendors", vendor.get("id").asText()), "If-Match", "*");

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(RecordEventType.DELETED);
              assertThat(event.record()).containsEntry("displayName", "Fabrikam");
            });
  }

  @Test
  void aLineChangeEmitsTheLineEventAndTheDocumentsNewTotals() {
    JsonNode customer = erp.create("customers", Map.of("displayName", "Adatum"));
    JsonNode item = erp.item("ATHENS Desk", "100");
    String invoice = erp.draftSalesInvoice(customer.get("id").asText());
    events.clear();

    erp.addSalesInvoiceLine(invoice, item.get("id").asText(), 1);

    assertThat(events)
        .extracting(RecordEvent::entitySet, RecordEvent::type)
        .containsExactly(
            tuple("salesInvoiceLines", RecordEventType.CREATED),
            tuple("salesInvoices", RecordEventType.MODIFIED));
    assertThat(events.get(1).changedFields())
        .contains("totalAmountExcludingTax", "totalAmountIncludingTax");
  }

  @Test
  void postingEmitsAPostedEvent() {
    JsonNode customer = erp.create("customers", Map.of("displayName", "Adatum"));
    JsonNode item = erp.item("ATHENS Desk", "100");
    String invoice = erp.draftSalesInvoice(customer.get("id").asText());
    erp.addSalesInvoiceLine(invoice, item.get("id").asText(), 1);
    events.clear();

    api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", null);

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(RecordEventType.POSTED);
              assertThat(event.record()).containsEntry("status", "Open");
              assertThat(event.previousRecord()).containsEntry("status", "Draft");
              assertThat(event.changedFields()).contains("status", "number");
            });
  }

  @Test
  void aRefusedChangeEmitsNothing() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    events.clear();

    api.patch(
        erp.path("vendors", vendor.get("id").asText()),
        Map.of("blocked", "Never"),
        "If-Match",
        "*");
    api.patch(
        erp.path("vendors", vendor.get("id").asText()),
        Map.of("displayName", "X"),
        "If-Match",
        "W/\"stale\"");

    assertThat(events).isEmpty();
  }

  @Test
  void everyEventIsStoredInTheOutboxWithItsChange() {
    erp.create("vendors", Map.of("displayName", "Fabrikam"));

    RecordEvent event = events.get(0);
    Map<String, Object> stored =
        jdbc.queryForMap("SELECT * FROM erp_record_event WHERE event_id = ?", event.eventId());
    assertThat(stored.get("ENTITY_SET")).isEqualTo("vendors");
    assertThat(stored.get("EVENT_TYPE")).isEqualTo("created");
    assertThat((String) stored.get("RECORD_JSON")).contains("\"displayName\":\"Fabrikam\"");
    assertThat(((Number) stored.get("SEQUENCE")).longValue()).isEqualTo(event.sequence());
  }

  @Test
  void aFailingListenerDoesNotFailOrUndoTheChange() {
    UUID company = erp.company();
    connector.addRecordEventListener(
        event -> {
          if (event.companyId().equals(company)) {
            throw new IllegalStateException("listener is broken");
          }
        });

    ApiClient.Response created = api.post(erp.path("vendors"), Map.of("displayName", "Fabrikam"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(erp.read("vendors", created.json().get("id").asText())).isNotNull();
  }
}
