package io.stroomlijn.erp.businesscentral.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.RecordEventInterests.Interest;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.businesscentral.BusinessCentralConfiguration;
import io.stroomlijn.erp.businesscentral.BusinessCentralDouble;
import io.stroomlijn.erp.businesscentral.BusinessCentralErp;
import io.stroomlijn.erp.businesscentral.BusinessCentralHttp;
import io.stroomlijn.erp.businesscentral.BusinessCentralLease;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.BusinessCentralTokens;
import io.stroomlijn.erp.businesscentral.sync.RecordSyncProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The upkeep on a database of its own (the application's migrations), without {@code
 * notification-url}: sets are watched, nothing is subscribed. And the lease: one node at a time.
 */
class UpkeepWithoutNotificationUrlTest {

  private final BusinessCentralDouble bc = new BusinessCentralDouble();
  private final UUID company = UUID.randomUUID();
  private JdbcTemplate jdbc;
  private WatchedSets sets;
  private BusinessCentralLease lease;
  private SubscriptionUpkeep upkeep;

  @BeforeEach
  void upkeepWithoutNotificationUrl() {
    DriverManagerDataSource database =
        new DriverManagerDataSource(
            "jdbc:h2:mem:upkeep-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(database).table("erp_schema_history").load().migrate();
    jdbc = new JdbcTemplate(database);
    sets = new WatchedSets(jdbc);
    lease = new BusinessCentralLease(jdbc);
    bc.company(company, "CRONUS Polling");
    BusinessCentralProperties properties =
        new BusinessCentralProperties(
            BusinessCentralDouble.TENANT,
            "production",
            "app-id",
            "secret",
            bc.apiUrl(),
            bc.tokenUrl(),
            null,
            null,
            null,
            List.of(),
            5,
            6000,
            Duration.ofMinutes(5),
            2,
            200);
    properties.requireComplete();
    HttpClient client = BusinessCentralConfiguration.newHttpClient();
    BusinessCentralHttp http =
        new BusinessCentralHttp(
            properties, new BusinessCentralTokens(properties, client, Clock.systemUTC()), client);
    upkeep =
        new SubscriptionUpkeep(
            () -> Set.of(new Interest("customers", RecordEventType.CREATED, company, null)),
            new BusinessCentralErp(properties, http, null),
            new BusinessCentralSubscriptions(properties, http),
            sets,
            lease,
            properties,
            new RecordSyncProperties(
                Duration.ofMinutes(1),
                Duration.ofDays(2),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                1000,
                10,
                Duration.ofHours(1)));
  }

  @AfterEach
  void stop() {
    jdbc.execute("SHUTDOWN");
    bc.close();
  }

  @Test
  void setsAreWatchedForCatchUpButNothingIsSubscribed() {
    upkeep.pass();
    jdbc.update(
        "UPDATE bc_watched_set SET baseline_read_at = ?", OffsetDateTime.now(ZoneOffset.UTC));

    upkeep.pass();

    assertThat(sets.all())
        .singleElement()
        .satisfies(set -> assertThat(set.entitySet()).isEqualTo("customers"))
        .satisfies(set -> assertThat(set.companyName()).isEqualTo("CRONUS Polling"))
        .satisfies(set -> assertThat(set.subscribed()).isFalse());
    assertThat(bc.requests("POST", "/subscriptions")).isEmpty();
    assertThat(bc.subscriptions()).isEmpty();
  }

  @Test
  void aSubscriptionMadeWhileThereWasANotificationUrlIsDeleted() {
    upkeep.pass();
    WatchedSet.Key key = new WatchedSet.Key(company, "customers");
    BusinessCentralDouble.Sub earlier =
        bc.add(
            "https://old.example/webhooks/business-central",
            key.resource(bc.apiUrl()),
            sets.all().get(0).clientState());
    sets.subscribed(key, new Subscription(earlier.id(), null, null, null, null, earlier.etag()));

    upkeep.pass();

    assertThat(bc.subscriptions()).isEmpty();
    assertThat(sets.all().get(0).subscribed()).isFalse();
  }

  @Test
  void aPassRunsOnlyOnTheNodeHoldingTheLease() {
    assertThat(lease.take(SubscriptionUpkeep.LEASE, "another-node", Duration.ofMinutes(5)))
        .isTrue();

    assertThat(upkeep.pass()).isFalse();
    assertThat(bc.requests()).isEmpty();
    assertThat(sets.all()).isEmpty();

    lease.release(SubscriptionUpkeep.LEASE, "another-node", null);
    assertThat(upkeep.pass()).isTrue();
    assertThat(sets.all()).hasSize(1);
    assertThat(lease.lastRun(SubscriptionUpkeep.LEASE).orElseThrow().lastRunAt()).isNotNull();
  }
}
