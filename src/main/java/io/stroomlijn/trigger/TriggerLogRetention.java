package io.stroomlijn.trigger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Removes trigger log entries older than {@code stroomlijn.triggers.log-retention} (28 days by
 * default, like run history) every night, at {@code stroomlijn.triggers.log-cleanup-cron} (see
 * {@link TriggerProperties}).
 */
@Component
class TriggerLogRetention implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(TriggerLogRetention.class);
  private static final int CHUNK = 10_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Duration retention;
  private final String cleanupCron;

  TriggerLogRetention(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager,
      TriggerProperties properties) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.retention = properties.logRetention();
    this.cleanupCron = properties.logCleanupCron();
  }

  /** Schedules {@link #nightly} as {@code @Scheduled(cron = ...)} would: "-" or empty is never. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (StringUtils.hasLength(cleanupCron) && !Scheduled.CRON_DISABLED.equals(cleanupCron)) {
      registrar.addCronTask(this::nightly, cleanupCron);
    }
  }

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
