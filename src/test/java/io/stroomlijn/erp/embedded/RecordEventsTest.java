package io.stroomlijn.erp.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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

  final List<RecordEvent> received = new CopyOnWriteArrayList<>();
  int seen;
  ErpFixture erp;
  ApiClient api;

  @BeforeEach
  void listen() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    UUID company = erp.company();
    connector.addRecordEventListener(
        batch ->
            batch.stream()
                .filter(event -> event.companyId().equals(company))
                .forEach(received::add));
  }

  /** The next {@code count} events of this test's company, waiting for their delivery. */
  private List<RecordEvent> next(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= seen + count);
    List<RecordEvent> events = new ArrayList<>(received.subList(seen, seen + count));
    seen += count;
    return events;
  }

  @Test
  void aCreatedRecordEmitsACreatedEventWithTheRecordAndWhoCreatedIt() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));

    RecordEvent event = next(1).get(0);
    assertThat(event.type()).isEqualTo(RecordEventType.CREATED);
    assertThat(event.entitySet()).isEqualTo("vendors");
    assertThat(event.recordId().toString()).isEqualTo(vendor.get("id").asText());
    assertThat(event.record())
        .containsEntry("displayName", "Fabrikam")
        .containsEntry("number", "V00010")
        .containsEntry("id", vendor.get("id").asText());
    assertThat(event.changedBy()).isEqualTo(StroomlijnTest.ADMIN);
    assertThat(event.changedAt()).isNotNull();
    assertThat(event.previousRecord()).isNull();
  }

  @Test
  void aModificationCarriesThePreviousRecordAndTheChangedFields() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    next(1);

    api.patch(
        erp.path("vendors", vendor.get("id").asText()),
        Map.of("blocked", "Payment"),
        "If-Match",
        "*");

    RecordEvent event = next(1).get(0);
    assertThat(event.type()).isEqualTo(RecordEventType.MODIFIED);
    assertThat(event.changedFields()).containsExactly("blocked");
    assertThat(event.record()).containsEntry("blocked", "Payment");
    assertThat(event.previousRecord()).containsEntry("blocked", " ");
  }

  @Test
  void aDeletionCarriesTheRecordAsItWas() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    next(1);

    api.delete(erp.path("vendors", vendor.get("id").asText()), "If-Match", "*");

    RecordEvent event = next(1).get(0);
    assertThat(event.type()).isEqualTo(RecordEventType.DELETED);
    assertThat(event.record()).containsEntry("displayName", "Fabrikam");
  }

  @Test
  void aLineChangeEmitsTheLineEventAndTheDocumentsNewTotals() {
    JsonNode customer = erp.create("customers", Map.of("displayName", "Adatum"));
    JsonNode item = erp.item("ATHENS Desk", "100");
    String invoice = erp.draftSalesInvoice(customer.get("id").asText());
    next(3);

    erp.addSalesInvoiceLine(invoice, item.get("id").asText(), 1);

    List<RecordEvent> events = next(2);
    assertThat(events)
        .extracting(RecordEvent::entitySet, RecordEvent::type)
        .containsExactly(
            tuple("salesInvoiceLines", RecordEventType.CREATED),
            tuple("salesInvoices", RecordEventType.MODIFIED));
    assertThat(events.get(1).changedFields())
        .contains("totalAmountExcludingTax", "totalAmountIncludingTax");
  }

  @Test
  void aDocumentCreatedWithItsLinesIsOneCreationWithItsFinalTotals() {
    JsonNode customer = erp.create("customers", Map.of("displayName", "Adatum"));
    JsonNode item = erp.item("ATHENS Desk", "100");
    next(2);

    erp.create(
        "salesInvoices",
        Map.of(
            "customerId",
            customer.get("id").asText(),
            "salesInvoiceLines",
            List.of(Map.of("itemId", item.get("id").asText(), "quantity", 3))));

    List<RecordEvent> events = next(2);
    assertThat(events)
        .extracting(RecordEvent::entitySet, RecordEvent::type)
        .containsExactly(
            tuple("salesInvoices", RecordEventType.CREATED),
            tuple("salesInvoiceLines", RecordEventType.CREATED));
    assertThat(((Number) events.get(0).record().get("totalAmountExcludingTax")).intValue())
        .isEqualTo(300);
  }

  @Test
  void postingEmitsAPostedEvent() {
    JsonNode customer = erp.create("customers", Map.of("displayName", "Adatum"));
    JsonNode item = erp.item("ATHENS Desk", "100");
    String invoice = erp.draftSalesInvoice(customer.get("id").asText());
    erp.addSalesInvoiceLine(invoice, item.get("id").asText(), 1);
    next(5);

    api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", null);

    RecordEvent event = next(1).get(0);
    assertThat(event.type()).isEqualTo(RecordEventType.POSTED);
    assertThat(event.record()).containsEntry("status", "Open");
    assertThat(event.previousRecord()).containsEntry("status", "Draft");
    assertThat(event.changedFields()).contains("status", "number");
  }

  @Test
  void aRefusedChangeEmitsNothing() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    next(1);

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
    erp.create("vendors", Map.of("displayName", "Marker"));

    assertThat(next(1).get(0).record()).containsEntry("displayName", "Marker");
    assertThat(received).hasSize(seen);
  }

  @Test
  void everyEventIsStoredInTheOutboxAndMarkedDelivered() {
    erp.create("vendors", Map.of("displayName", "Fabrikam"));

    RecordEvent event = next(1).get(0);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                jdbc.queryForObject(
                    "SELECT delivered FROM erp_record_event WHERE event_id = ?",
                    Boolean.class,
                    event.eventId()));
    Map<String, Object> stored =
        jdbc.queryForMap("SELECT * FROM erp_record_event WHERE event_id = ?", event.eventId());
    assertThat(stored.get("ENTITY_SET")).isEqualTo("vendors");
    assertThat(stored.get("EVENT_TYPE")).isEqualTo("created");
    assertThat((String) stored.get("RECORD_JSON")).contains("\"displayName\":\"Fabrikam\"");
    assertThat(((Number) stored.get("SEQUENCE")).longValue()).isEqualTo(event.sequence());
  }

  @Test
  void aListenerThatFailsGetsTheEventAgainAndTheChangeStands() {
    UUID company = erp.company();
    AtomicBoolean failedOnce = new AtomicBoolean();
    connector.addRecordEventListener(
        batch -> {
          boolean ours = batch.stream().anyMatch(event -> event.companyId().equals(company));
          if (ours && failedOnce.compareAndSet(false, true)) {
            throw new IllegalStateException("listener is down for a moment");
          }
        });

    ApiClient.Response created = api.post(erp.path("vendors"), Map.of("displayName", "Fabrikam"));

    assertThat(created.status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10)).untilTrue(failedOnce);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM erp_record_event WHERE company_id = ? AND delivered = FALSE",
                        Long.class,
                        company)
                    == 0);
    assertThat(received.stream().map(RecordEvent::eventId).distinct()).hasSize(1);
  }
}
