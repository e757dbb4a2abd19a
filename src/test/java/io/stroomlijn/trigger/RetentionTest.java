package io.stroomlijn.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.events.RecordEventRetention;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outbox and the trigger log keep 28 days, then make room. */
@StroomlijnTest
class RetentionTest {

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired JdbcTemplate jdbc;
  @Autowired RecordEventRetention events;
  @Autowired TriggerLogRetention triggerLog;

  @Test
  void removesDeliveredEventsAndTheirTriggerLogOnceTheyAreOld() {
    ErpFixture erp = ErpFixture.newCompany(companies, port);
    String vendor = erp.create("vendors", Map.of("displayName", "Old news")).get("id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("flow_trigger_event", "record_id", vendor) == 1);

    events.removeDeliveredBefore(OffsetDateTime.now().minusDays(1));
    triggerLog.removeHandledBefore(OffsetDateTime.now().minusDays(1));
    assertThat(count("erp_record_event", "record_id", vendor))
        .as("younger than the cutoff")
        .isOne();
    assertThat(count("flow_trigger_event", "record_id", vendor)).isOne();

    events.removeDeliveredBefore(OffsetDateTime.now().plusMinutes(1));
    triggerLog.removeHandledBefore(OffsetDateTime.now().plusMinutes(1));
    assertThat(count("erp_record_event", "record_id", vendor)).isZero();
    assertThat(count("flow_trigger_event", "record_id", vendor)).isZero();
  }

  private long count(String table, String column, String id) {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?",
            Long.class,
            UUID.fromString(id));
    return count == null ? 0 : count;
  }
}
