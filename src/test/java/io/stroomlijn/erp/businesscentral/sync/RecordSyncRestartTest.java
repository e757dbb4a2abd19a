package io.stroomlijn.erp.businesscentral.sync;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.businesscentral.webhooks.ChangeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What changed while Stroomlijn was down, or was notified but not read, starts its flows once. */
class RecordSyncRestartTest {

  private static final String CUSTOMERS = "customers";
  private static final TenantDouble tenant = new TenantDouble();

  @RegisterExtension
  static WireMockExtension bc =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(tenant))
          .build();

  private final UUID company = UUID.randomUUID();
  private final String database = "record-sync-restart-" + UUID.randomUUID();

  @BeforeEach
  void serve() {
    tenant.serveOn(bc);
  }

  @Test
  void theCatchUpAtStartFindsChangesMadeWhileDownThatWereNeverNotifiedOnce() {
    UUID adatum = customer("Adatum");
    customer("Trey Research");
    OffsetDateTime caughtUp;
    try (SyncApp first = SyncApp.start(tenant, database)) {
      first.watch(company, CUSTOMERS);
      caughtUp = first.lastCatchUp(company, CUSTOMERS);
    }

    tenant.modify(company, CUSTOMERS, adatum, Map.of("displayName", "Adatum Corporation"));
    UUID fabrikam = customer("Fabrikam");

    try (SyncApp second = SyncApp.start(tenant, database)) {
      second.awaitCatchUpAfter(company, CUSTOMERS, caughtUp);
      second.catchUp(company, CUSTOMERS);

      List<RecordEvent> events = second.events();
      assertThat(events)
          .extracting(RecordEvent::type, RecordEvent::recordId, RecordEvent::source)
          .containsExactlyInAnyOrder(
              tuple(RecordEventType.MODIFIED, adatum, RecordEventSource.CATCH_UP),
              tuple(RecordEventType.CREATED, fabrikam, RecordEventSource.CATCH_UP));
      assertThat(second.outboxSize()).isEqualTo(2);
      assertThat(events)
          .filteredOn(e -> e.type() == RecordEventType.MODIFIED)
          .singleElement()
          .satisfies(e -> assertThat(e.previousRecord()).containsEntry("displayName", "Adatum"));
    }
  }

  @Test
  void notificationsPendingAtARestartAreReadOnceAfterIt() {
    UUID adatum = customer("Adatum");
    UUID fabrikam;
    OffsetDateTime caughtUp;
    try (SyncApp first = SyncApp.start(tenant, database)) {
      first.watch(company, CUSTOMERS);
      caughtUp = first.lastCatchUp(company, CUSTOMERS);
      first.bean(NotificationWorker.class).stop();
      tenant.modify(company, CUSTOMERS, adatum, Map.of("displayName", "Adatum Corporation"));
      fabrikam = customer("Fabrikam");
      first.notify(company, CUSTOMERS, ChangeType.UPDATED, resource(adatum), resource(adatum));
      first.notify(company, CUSTOMERS, ChangeType.CREATED, resource(fabrikam));
      assertThat(first.outboxSize()).isZero();
    }

    try (SyncApp second = SyncApp.start(tenant, database)) {
      second.awaitInboxEmpty(company);
      // The catch-up at start reads the same changes; whichever comes first starts them.
      second.awaitCatchUpAfter(company, CUSTOMERS, caughtUp);
      assertThat(second.events())
          .extracting(RecordEvent::type, RecordEvent::recordId)
          .containsExactlyInAnyOrder(
              tuple(RecordEventType.MODIFIED, adatum), tuple(RecordEventType.CREATED, fabrikam));
      assertThat(second.outboxSize()).isEqualTo(2);
    }
  }

  private UUID customer(String name) {
    return tenant.create(company, CUSTOMERS, Map.of("displayName", name));
  }

  private String resource(UUID id) {
    return "api/v2.0/companies(" + company + ")/" + CUSTOMERS + "(" + id + ")";
  }
}
