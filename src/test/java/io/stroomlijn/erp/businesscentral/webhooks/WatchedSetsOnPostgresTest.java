package io.stroomlijn.erp.businesscentral.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.businesscentral.BusinessCentralLease;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watched sets and the upkeep lease on PostgreSQL, the database of a cluster: the same
 * statements as on H2, and a lease that one node at a time gets.
 */
class WatchedSetsOnPostgresTest {

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void migrated() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .table("erp_schema_history")
        .load()
        .migrate();
    jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void aWatchedSetGoesThroughItsLifeAndItsNotificationsAreCounted() {
    WatchedSets sets = new WatchedSets(jdbc);
    WatchedSet.Key key = new WatchedSet.Key(UUID.randomUUID(), "customers");

    assertThat(sets.insert(key, "CRONUS PG")).isTrue();
    assertThat(sets.insert(key, "CRONUS PG")).isFalse();
    WatchedSet inserted = sets.all().get(0);
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);
    sets.subscribed(key, new Subscription("pgSub1", null, null, null, expires, "W/\"1\""));
    sets.renewed(key, new Subscription("pgSub1", null, null, null, expires, "W/\"2\""));
    sets.failed(key, "refused");
    sets.note(key, "over the limit");
    sets.notified(Map.of(key, 3), OffsetDateTime.now(ZoneOffset.UTC));
    sets.renameCompany(key, "CRONUS PG 2");

    List<WatchedSet> found = sets.withClientStates(List.of(inserted.clientState(), "other"));
    assertThat(found)
        .singleElement()
        .satisfies(
            set -> {
              assertThat(set.subscriptionId()).isEqualTo("pgSub1");
              assertThat(set.subscriptionEtag()).isEqualTo("W/\"2\"");
              assertThat(set.catchUpDue()).isTrue();
              assertThat(set.failures()).isEqualTo(1);
              assertThat(set.lastError()).isEqualTo("over the limit");
              assertThat(set.notifications()).isEqualTo(3);
              assertThat(set.companyName()).isEqualTo("CRONUS PG 2");
            });

    sets.unsubscribed(key);
    assertThat(sets.all().get(0).subscribed()).isFalse();
    sets.delete(key);
    assertThat(sets.all()).isEmpty();
  }

  @Test
  void theUpkeepLeaseIsHeldByOneNodeAtATime() {
    BusinessCentralLease lease = new BusinessCentralLease(jdbc);

    assertThat(lease.take("upkeep", "node-a", Duration.ofMinutes(5))).isTrue();
    assertThat(lease.take("upkeep", "node-b", Duration.ofMinutes(5))).isFalse();
    assertThat(lease.take("upkeep", "node-a", Duration.ofMinutes(5))).as("extended").isTrue();
    lease.release("upkeep", "node-a", "a problem");
    assertThat(lease.take("upkeep", "node-b", Duration.ofMinutes(5))).isTrue();
    assertThat(lease.lastRun("upkeep").orElseThrow().lastError()).isEqualTo("a problem");
    lease.release("upkeep", "node-b", null);
  }
}
