package io.stroomlijn.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.embedded.ErpProperties;
import io.stroomlijn.erp.events.RecordEventRetention;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The nightly deletes commit through the transaction manager, which on H2 is the durable path
 * (io.stroomlijn.storage.DurableH2Commits), not in JDBC auto-commit beside it.
 */
class RetentionTransactionsTest {

  private final DataSource dataSource =
      new SimpleDriverDataSource(
          new org.h2.Driver(), "jdbc:h2:mem:retention-" + System.nanoTime(), "sa", "");
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  private final AtomicInteger commits = new AtomicInteger();
  private final JdbcTransactionManager transactionManager =
      new JdbcTransactionManager(dataSource) {
        @Override
        protected void doCommit(DefaultTransactionStatus status) {
          commits.incrementAndGet();
          super.doCommit(status);
        }
      };

  @BeforeEach
  void tables() {
    jdbc.execute("SET DB_CLOSE_DELAY -1");
    jdbc.execute(
        "CREATE TABLE erp_record_event (sequence BIGINT PRIMARY KEY, delivered BOOLEAN,"
            + " changed_at TIMESTAMP WITH TIME ZONE)");
    jdbc.execute(
        "CREATE TABLE flow_trigger_event (event_id BIGINT PRIMARY KEY, event_sequence BIGINT,"
            + " handled_at TIMESTAMP WITH TIME ZONE)");
    OffsetDateTime old = OffsetDateTime.now().minusDays(40);
    for (int i = 0; i < 3; i++) {
      jdbc.update("INSERT INTO erp_record_event VALUES (?, TRUE, ?)", i, old);
      jdbc.update("INSERT INTO flow_trigger_event VALUES (?, ?, ?)", i, i, old);
    }
  }

  @Test
  void deliveredEventsAreRemovedInCommittedTransactions() {
    RecordEventRetention retention =
        new RecordEventRetention(
            jdbc, transactionManager, new ErpProperties(false, null, 0, null, null, null, "-"));

    assertThat(retention.removeDeliveredBefore(OffsetDateTime.now().minusDays(28))).isEqualTo(3);
    assertThat(commits).hasPositiveValue();
  }

  @Test
  void triggerLogEntriesAreRemovedInCommittedTransactions() {
    TriggerLogRetention retention =
        new TriggerLogRetention(
            jdbc, transactionManager, new TriggerProperties(java.time.Duration.ofDays(28), "-"));

    assertThat(retention.removeHandledBefore(OffsetDateTime.now().minusDays(28))).isEqualTo(3);
    assertThat(commits).hasPositiveValue();
  }
}
