package io.stroomlijn.erp.businesscentral.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.businesscentral.webhooks.ChangeType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Business Central's changes become record events exactly once, with old values: notifications,
 * collections and catch-ups against a WireMock double of a tenant, on a real H2 database. Each test
 * has a company of its own in one running sync; the restart tests start their own.
 */
class RecordSyncTest {

  private static final String CUSTOMERS = "customers";
  private static final TenantDouble tenant = new TenantDouble();

  @RegisterExtension
  static WireMockExtension bc =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(tenant))
          .build();

  private static SyncApp app;
  private final UUID company = UUID.randomUUID();

  @BeforeAll
  static void start() {
    tenant.serveOn(bc);
    app = SyncApp.start(tenant, "record-sync-" + UUID.randomUUID());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void serve() {
    tenant.serveOn(bc);
  }

  @Test
  void theFirstReadStartsNothingAndLaterChangesBecomeEventsWithOldValues() {
    UUID adatum = customer("Adatum", 250.5);
    UUID trey = customer("Trey Research", 0);
    UUID fabrikam = customer("Fabrikam", 1200);
    app.watch(company, CUSTOMERS);
    assertThat(eventsOf(app)).as("what exists when a set becomes watched is no change").isEmpty();

    tenant.modify(company, CUSTOMERS, adatum, Map.of("balance", 1250.75, "blocked", "All"));
    UUID newcomer = customer("Newcomer", 10);
    tenant.delete(company, CUSTOMERS, fabrikam);
    app.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum));
    app.notify(company, CUSTOMERS, ChangeType.CREATED, "/" + resource(newcomer));
    app.notify(company, CUSTOMERS, ChangeType.DELETED, tenant.apiUrl() + "/" + path(fabrikam));
    app.awaitInboxEmpty(company);

    List<RecordEvent> events = eventsOf(app);
    assertThat(events)
        .extracting(RecordEvent::type, RecordEvent::recordId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(RecordEventType.MODIFIED, adatum),
            org.assertj.core.groups.Tuple.tuple(RecordEventType.CREATED, newcomer),
            org.assertj.core.groups.Tuple.tuple(RecordEventType.DELETED, fabrikam));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.source()).isEqualTo(RecordEventSource.NOTIFICATION));
    assertThat(events).allSatisfy(e -> assertThat(e.changedBy()).isEqualTo("business-central"));

    RecordEvent modified = only(events, RecordEventType.MODIFIED);
    assertThat(modified.changedFields()).containsExactly("balance", "blocked");
    assertThat(modified.previousRecord())
        .containsEntry("balance", new BigDecimal("250.5"))
        .containsEntry("blocked", " ")
        .containsEntry("displayName", "Adatum")
        .doesNotContainKey("@odata.etag");
    assertThat(modified.record())
        .containsEntry("balance", new BigDecimal("1250.75"))
        .containsEntry("blocked", "All");
    assertThat(modified.changedAt())
        .isEqualTo(
            OffsetDateTime.parse(
                tenant.current(company, CUSTOMERS, adatum).get("lastModifiedDateTime").asText()));

    RecordEvent deleted = only(events, RecordEventType.DELETED);
    assertThat(deleted.record())
        .as("a deleted record as it was")
        .containsEntry("displayName", "Fabrikam")
        .containsEntry("balance", 1200);
    assertThat(deleted.previousRecord()).isNull();

    RecordEvent created = only(events, RecordEventType.CREATED);
    assertThat(created.record()).containsEntry("displayName", "Newcomer");
    assertThat(created.previousRecord()).isNull();
    assertThat(events).noneMatch(e -> e.recordId().equals(trey));
  }

  @Test
  void duplicateNotificationsAndACatchUpOfTheSameVersionStartNothingTwice() {
    UUID adatum = customer("Adatum", 100);
    app.watch(company, CUSTOMERS);
    tenant.modify(company, CUSTOMERS, adatum, Map.of("balance", 2000));

    app.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum), resource(adatum));
    app.awaitInboxEmpty(company);
    app.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum));
    app.awaitInboxEmpty(company);
    app.catchUp(company, CUSTOMERS);
    // A new modification time and etag without a changed field is no change either.
    tenant.modify(company, CUSTOMERS, adatum, Map.of());
    app.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum));
    app.awaitInboxEmpty(company);

    assertThat(eventsOf(app))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(RecordEventType.MODIFIED);
              assertThat(event.changedFields()).containsExactly("balance");
            });
  }

  @Test
  void aDeletionWhoseNotificationWasLostIsFoundByTheDeletionCheckOnce() {
    UUID adatum = customer("Adatum", 100);
    customer("Contoso", 5);
    app.watch(company, CUSTOMERS);

    // Business Central deletes Adatum, and its notification never arrives.
    tenant.delete(company, CUSTOMERS, adatum);
    app.catchUp(company, CUSTOMERS);
    assertThat(eventsOf(app)).as("not due yet: checked right after the first read").isEmpty();

    for (int check = 0; check < 2; check++) {
      app.jdbc()
          .update(
              "UPDATE bc_watched_set SET last_deletion_check_at = NULL WHERE company_id = ?",
              company);
      app.catchUp(company, CUSTOMERS);
    }

    assertThat(eventsOf(app))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(RecordEventType.DELETED);
              assertThat(event.recordId()).isEqualTo(adatum);
              assertThat(event.record()).containsEntry("displayName", "Adatum");
              assertThat(event.source()).isEqualTo(RecordEventSource.CATCH_UP);
            });
  }

  @Test
  void aStaleReadOfAnOlderVersionIsIgnored() {
    UUID adatum = customer("Adatum", 100);
    app.watch(company, CUSTOMERS);
    ObjectNode first = tenant.snapshot(company, CUSTOMERS, adatum);
    tenant.modify(company, CUSTOMERS, adatum, Map.of("balance", 200));
    app.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum));
    app.awaitInboxEmpty(company);

    tenant.serveOnce(adatum, first);
    app.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum));
    app.awaitInboxEmpty(company);
    tenant.modify(company, CUSTOMERS, adatum, Map.of("balance", 300));
    app.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum));
    app.awaitInboxEmpty(company);

    List<RecordEvent> events = eventsOf(app);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).previousRecord())
        .as("the stale version was not taken for the current one")
        .containsEntry("balance", 200);
    assertThat(events.get(1).record()).containsEntry("balance", 300);
  }

  @Test
  void aDeletedNotificationOfARecordThatStillExistsIsNoDeletion() {
    UUID adatum = customer("Adatum", 100);
    app.watch(company, CUSTOMERS);

    app.notify(company, CUSTOMERS, ChangeType.DELETED, resource(adatum));
    app.awaitInboxEmpty(company);
    assertThat(eventsOf(app)).isEmpty();

    tenant.modify(company, CUSTOMERS, adatum, Map.of("displayName", "Adatum Corporation"));
    app.notify(company, CUSTOMERS, ChangeType.DELETED, resource(adatum));
    app.awaitInboxEmpty(company);
    assertThat(eventsOf(app))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(RecordEventType.MODIFIED);
              assertThat(event.changedFields()).containsExactly("displayName");
            });
  }

  @Test
  void postingAnInvoiceIsAPostedEventWithTheDraftAsPreviousRecord() {
    String invoices = "salesInvoices";
    UUID invoice =
        tenant.create(
            company,
            invoices,
            Map.of("number", "S-INV100001", "status", "Draft", "totalAmountIncludingTax", 121.0));
    app.watch(company, invoices);

    tenant.modify(company, invoices, invoice, Map.of("status", "Open", "number", "PS-INV103001"));
    app.notify(company, invoices, ChangeType.UPDATED, resource(invoices, invoice));
    app.awaitInboxEmpty(company);
    tenant.modify(company, invoices, invoice, Map.of("status", "Paid"));
    app.notify(company, invoices, ChangeType.UPDATED, resource(invoices, invoice));
    app.awaitInboxEmpty(company);

    List<RecordEvent> events = eventsOf(app);
    assertThat(events)
        .extracting(RecordEvent::type)
        .containsExactly(RecordEventType.POSTED, RecordEventType.MODIFIED);
    assertThat(events.get(0).previousRecord()).containsEntry("status", "Draft");
    assertThat(events.get(0).record()).containsEntry("status", "Open");
    assertThat(events.get(0).changedFields()).containsExactlyInAnyOrder("number", "status");
  }

  @Test
  void aCollectionOf5000ChangesReadThroughNextLinksGivesExactly5000Events() {
    app.watch(company, CUSTOMERS);
    String since = DateTimeFormatter.ISO_INSTANT.format(tenant.lastChange());
    IntStream.range(0, 5000).forEach(i -> customer("Customer " + i, i));
    int requests = tenant.apiRequests();

    app.notify(
        company,
        CUSTOMERS,
        ChangeType.COLLECTION,
        "api/v2.0/companies("
            + company
            + ")/customers?$filter=lastModifiedDateTime%20gt%20"
            + since);
    app.awaitInboxEmpty(company);

    List<RecordEvent> events = eventsOf(app);
    assertThat(events).hasSize(5000);
    assertThat(events).extracting(RecordEvent::recordId).doesNotHaveDuplicates();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(RecordEventType.CREATED);
              assertThat(e.source()).isEqualTo(RecordEventSource.COLLECTION);
            });
    assertThat(tenant.apiRequests() - requests).as("pages of 500").isEqualTo(10);
  }

  @Test
  void aThrottlingStormDuringACollectionStillEndsWithEveryChangeOnce() {
    List<UUID> ids = IntStream.range(0, 2000).mapToObj(i -> customer("Customer " + i, i)).toList();
    app.watch(company, CUSTOMERS);
    String since = DateTimeFormatter.ISO_INSTANT.format(tenant.lastChange());
    ids.forEach(id -> tenant.modify(company, CUSTOMERS, id, Map.of("balance", 5000)));

    // Page 3 is answered 429 more often than a request is tried (6 times): the read fails part
    // way, the notification is read again later, whole, and the first pages start nothing twice.
    tenant.throttle(2, 8, 0);
    app.notify(
        company,
        CUSTOMERS,
        ChangeType.COLLECTION,
        "/api/v2.0/companies(" + company + ")/customers?$filter=lastModifiedDateTime gt " + since);
    app.awaitInboxEmpty(company);

    List<RecordEvent> events = eventsOf(app);
    assertThat(tenant.throttled()).isGreaterThanOrEqualTo(8);
    assertThat(events).hasSize(2000);
    assertThat(events).extracting(RecordEvent::recordId).doesNotHaveDuplicates();
    assertThat(events).allSatisfy(e -> assertThat(e.changedFields()).containsExactly("balance"));
    assertThat(app.bean(RecordSyncStatus.class).report().lastErrors())
        .anySatisfy(error -> assertThat(error.message()).contains("HTTP 429"));
  }

  @Test
  void aNotificationWhoseResourceIsNotUnderApiUrlIsRefusedAndNeverRequested() {
    UUID adatum = customer("Adatum", 100);
    app.watch(company, CUSTOMERS);
    tenant.modify(company, CUSTOMERS, adatum, Map.of("balance", 200));

    app.notify(
        company,
        CUSTOMERS,
        ChangeType.UPDATED,
        bc.baseUrl() + "/elsewhere/api/v2.0/" + path(adatum),
        "https://attacker.example" + TenantDouble.API + "/" + path(adatum),
        "api/v2.0/companies(" + company + ")/customers(" + adatum + ")/../../../../elsewhere",
        "api/v2.0/companies(" + UUID.randomUUID() + ")/customers(" + adatum + ")");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                app.jdbc()
                        .queryForObject(
                            "SELECT COUNT(*) FROM bc_notification WHERE company_id = ?"
                                + " AND attempts > 0",
                            Long.class,
                            company)
                    == 4);
    assertThat(bc.findAll(anyRequestedFor(urlPathMatching("/elsewhere.*")))).isEmpty();
    assertThat(eventsOf(app)).isEmpty();
    RecordSyncStatus.Report report = app.bean(RecordSyncStatus.class).report();
    assertThat(report.lastErrors())
        .filteredOn(error -> company.equals(error.companyId()))
        .hasSize(4)
        .allSatisfy(error -> assertThat(error.message()).startsWith("Refused"));
    assertThat(report.watchedSets())
        .filteredOn(set -> set.companyId().equals(company))
        .singleElement()
        .satisfies(
            set -> {
              assertThat(set.pendingNotifications()).isEqualTo(4);
              assertThat(set.failingNotifications()).isEqualTo(4);
            });
    app.jdbc().update("DELETE FROM bc_notification WHERE company_id = ?", company);
  }

  @Test
  void aSetWithoutModificationTimesIsComparedWholeAtACatchUp() {
    String dimensions = "dimensionValues";
    tenant.withoutModificationTimes(dimensions);
    UUID north = tenant.create(company, dimensions, Map.of("code", "NORTH"));
    UUID south = tenant.create(company, dimensions, Map.of("code", "SOUTH"));
    app.watch(company, dimensions);

    tenant.modify(company, dimensions, north, Map.of("displayName", "North region"));
    tenant.delete(company, dimensions, south);
    UUID east = tenant.create(company, dimensions, Map.of("code", "EAST"));
    app.catchUp(company, dimensions);
    app.catchUp(company, dimensions);

    assertThat(eventsOf(app))
        .extracting(RecordEvent::type, RecordEvent::recordId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(RecordEventType.MODIFIED, north),
            org.assertj.core.groups.Tuple.tuple(RecordEventType.DELETED, south),
            org.assertj.core.groups.Tuple.tuple(RecordEventType.CREATED, east));
  }

  private List<RecordEvent> eventsOf(SyncApp sync) {
    return sync.events().stream().filter(e -> e.companyId().equals(company)).toList();
  }

  private static RecordEvent only(List<RecordEvent> events, RecordEventType type) {
    return events.stream().filter(e -> e.type() == type).findFirst().orElseThrow();
  }

  private UUID customer(String name, Object balance) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("number", name.toUpperCase().replace(" ", ""));
    fields.put("displayName", name);
    fields.put("balance", balance);
    fields.put("blocked", " ");
    return tenant.create(company, CUSTOMERS, fields);
  }

  private String path(UUID id) {
    return "companies(" + company + ")/" + CUSTOMERS + "(" + id + ")";
  }

  private String resource(UUID id) {
    return resource(CUSTOMERS, id);
  }

  private String resource(String entitySet, UUID id) {
    return "api/v2.0/companies(" + company + ")/" + entitySet + "(" + id + ")";
  }
}
