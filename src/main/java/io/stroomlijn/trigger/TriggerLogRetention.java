package io.stroomlijn.trigger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes trigger log entries older than {@code stroomlijn.triggers.log-retention} (28 days by
 * default, like run history) every night.
 */
@Component
class TriggerLogRetention {

  private static final Logger log = LoggerFactory.getLogger(TriggerLogRetention.class);
  private static final int CHUNK = 10_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Duration retention;

  TriggerLogRetention(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager,
      @Value("${stroomlijn.triggers.log-retention:P28D}") Duration retention) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.retention = retention;
  }

  @Scheduled(cron = "${stroomlijn.triggers.log-cleanup-cron:0 25 1 * * *}")
  void nightly() {
    int removed = removeHandledBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
    if (removed > 0) {
      log.info("Removed {} trigger log events older than {}", removed, retention);
    }
  }

  /** Removes events handled before the cutoff, with their outcomes; returns how many events. */
  int removeHandledBefore(OffsetDateTime cutoff) {
    int total = 0;
    int removed;
    do {
      // Each chunk in a transaction of its own: through the transaction manager, so on H2 it is
      // on disk before the next begins (io.stroomlijn.storage.DurableH2Commits), and small.
      removed =
          transactions.execute(
              status ->
                  jdbc.update(
                      "DELETE FROM flow_trigger_event WHERE event_id IN (SELECT event_id FROM"
                          + " flow_trigger_event WHERE handled_at < ? ORDER BY event_sequence"
                          + " LIMIT ?)",
                      cutoff,
                      CHUNK));
      total += removed;
    } while (removed == CHUNK);
    return total;
  }
}
