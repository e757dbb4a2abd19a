package io.stroomlijn.erp.businesscentral.sync;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.businesscentral.webhooks.ChangeType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one PostgreSQL database both read Business Central's changes: the same change read
 * by both at once still becomes one event, whether the record is new to both (they collide on its
 * key) or known (they wait for each other's lock).
 */
class RecordSyncClusterTest {

  private static final String CUSTOMERS = "customers";
  private static final TenantDouble tenant = new TenantDouble();

  @RegisterExtension
  static WireMockExtension bc =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(tenant))
          .build();

  private static EmbeddedPostgres postgres;
  private static SyncApp one;
  private static SyncApp two;
  private final UUID company = UUID.randomUUID();

  @BeforeAll
  static void twoNodes() throws Exception {
    tenant.serveOn(bc);
    postgres = EmbeddedPostgres.builder().start();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    String[] settings = {
      "spring.datasource.username=postgres",
      "spring.datasource.password=postgres",
      "stroomlijn.business-central.page-size=50"
    };
    one = SyncApp.startOn(tenant, url, settings);
    two = SyncApp.startOn(tenant, url, settings);
  }

  @AfterAll
  static void stop() throws Exception {
    two.close();
    one.close();
    postgres.close();
  }

  @Test
  void duplicateNotificationsReadByBothNodesMakeOneEventOfEachChange() {
    tenant.serveOn(bc);
    List<UUID> known = IntStream.range(0, 300).mapToObj(i -> customer("Known " + i)).toList();
    one.watch(company, CUSTOMERS);
    String since = DateTimeFormatter.ISO_INSTANT.format(tenant.lastChange());
    known.forEach(id -> tenant.modify(company, CUSTOMERS, id, Map.of("balance", 10)));
    List<UUID> added = IntStream.range(0, 700).mapToObj(i -> customer("Added " + i)).toList();
    String collection =
        "api/v2.0/companies("
            + company
            + ")/customers?$filter=lastModifiedDateTime%20gt%20"
            + since;
    String[] singles =
        added.subList(0, 100).stream()
            .map(id -> "api/v2.0/companies(" + company + ")/customers(" + id + ")")
            .toArray(String[]::new);

    // Both nodes take up the notifications at the same moment, each claiming its own.
    one.bean(NotificationWorker.class).stop();
    two.bean(NotificationWorker.class).stop();
    for (int i = 0; i < 3; i++) {
      one.notify(company, CUSTOMERS, ChangeType.COLLECTION, collection);
      one.notify(company, CUSTOMERS, ChangeType.CREATED, singles);
    }
    one.bean(NotificationWorker.class).start();
    two.bean(NotificationWorker.class).start();
    one.awaitInboxEmpty(company);
    two.catchUp(company, CUSTOMERS);

    assertThat(eventCounts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("modified", 300L, "created", 700L));
  }

  @Test
  void bothNodesApplyingTheSameVersionsAtTheSameMomentMakeOneEventOfEach() throws Exception {
    List<UUID> ids = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
    RecordVersionApplier first = one.bean(RecordVersionApplier.class);
    RecordVersionApplier second = two.bean(RecordVersionApplier.class);
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
    int rounds = 25;
    try {
      for (int round = 0; round < rounds; round++) {
        List<Observation> versions = versions(ids, round, start.plusSeconds(round));
        List<Future<?>> applied = new ArrayList<>();
        for (RecordVersionApplier node : List.of(first, second)) {
          applied.add(
              nodes.submit(
                  () -> {
                    together.await();
                    return node.applyAndCommit(
                        company, CUSTOMERS, versions, RecordEventSource.CATCH_UP, () -> {});
                  }));
        }
        for (Future<?> result : applied) {
          result.get();
        }
      }
    } finally {
      nodes.shutdownNow();
    }

    assertThat(eventCounts())
        .as("the first round creates, every later one modifies, each record once a round")
        .containsExactlyInAnyOrderEntriesOf(Map.of("created", 20L, "modified", 20L * (rounds - 1)));
  }

  private static List<Observation> versions(List<UUID> ids, int round, OffsetDateTime modified) {
    return ids.stream()
        .map(
            id -> {
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("id", id.toString());
              fields.put("balance", round);
              fields.put("lastModifiedDateTime", modified.toString());
              return (Observation)
                  new Observation.Read(
                      new RecordVersion(id, modified, "W/\"" + round + "\"", fields));
            })
        .toList();
  }

  private Map<String, Long> eventCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    one.jdbc()
        .query(
            "SELECT event_type, COUNT(*) AS n FROM erp_record_event WHERE company_id = ?"
                + " GROUP BY event_type",
            rs -> {
              counts.put(rs.getString("event_type"), rs.getLong("n"));
            },
            company);
    return counts;
  }

  private UUID customer(String name) {
    return tenant.create(company, CUSTOMERS, Map.of("displayName", name, "balance", 0));
  }
}
