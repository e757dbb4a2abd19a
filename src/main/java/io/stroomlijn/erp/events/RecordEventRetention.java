package io.stroomlijn.erp.events;

import io.stroomlijn.erp.embedded.ErpProperties;
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
 * Removes delivered record events older than {@code stroomlijn.erp.event-retention} (28 days by
 * default) every night, so the outbox does not grow without bound. Undelivered events are never
 * removed.
 */
@Component
public class RecordEventRetention implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RecordEventRetention.class);
  private static final int CHUNK = 10_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ErpProperties properties;

  public RecordEventRetention(
      JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ErpProperties properties) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.properties = properties;
  }

  /** Schedules {@link #nightly} at {@code stroomlijn.erp.event-cleanup-cron}; "-" is never. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    String cron = properties.eventCleanupCron();
    if (StringUtils.hasLength(cron) && !Scheduled.CRON_DISABLED.equals(cron)) {
      registrar.addCronTask(this::nightly, cron);
    }
  }

  void nightly() {
    int removed =
        removeDeliveredBefore(
            OffsetDateTime.now(ZoneOffset.UTC).minus(properties.eventRetention()));
    if (removed > 0) {
      log.info(
          "Removed {} delivered record events older than {}", removed, properties.eventRetention());
    }
  }

  /** Removes delivered events committed before the cutoff, in chunks; returns how many. */
  public int removeDeliveredBefore(OffsetDateTime cutoff) {
    int total = 0;
    int removed;
    do {
      // Each chunk in a transaction of its own: through the transaction manager, so on H2 it is
      // on disk before the next begins (io.stroomlijn.storage.DurableH2Commits), and small.
      removed =
          transactions.execute(
              status ->
                  jdbc.update(
                      "DELETE FROM erp_record_event WHERE sequence IN (SELECT sequence FROM"
                          + " erp_record_event WHERE delivered = TRUE AND changed_at < ? ORDER BY"
                          + " sequence LIMIT ?)",
                      cutoff,
                      CHUNK));
      total += removed;
    } while (removed == CHUNK);
    return total;
  }
}
