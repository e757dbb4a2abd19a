package io.stroomlijn.erp.businesscentral.sync;

import static org.awaitility.Awaitility.await;

import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.businesscentral.BusinessCentralConfiguration;
import io.stroomlijn.erp.businesscentral.BusinessCentralLease;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.webhooks.ChangeType;
import io.stroomlijn.erp.businesscentral.webhooks.Notification;
import io.stroomlijn.erp.businesscentral.webhooks.NotificationInbox;
import io.stroomlijn.erp.events.RecordEventOutbox;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record sync in business-central mode with what it needs and nothing else: a real H2 database
 * migrated by Flyway, the event outbox and relay, the receiver's inbox, the Business Central
 * connection (pointed at a {@link TenantDouble}) and the sync's own configuration, with a listener
 * in place of the trigger machinery that keeps every event the relay delivers. Several starts on
 * one database name are restarts.
 */
final class SyncApp implements AutoCloseable {

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    FlywayAutoConfiguration.class,
    JacksonAutoConfiguration.class
  })
  @EnableConfigurationProperties(BusinessCentralProperties.class)
  @Import({
    RecordEventOutbox.class,
    RecordEventRelay.class,
    NotificationInbox.class,
    BusinessCentralLease.class,
    BusinessCentralConfiguration.class,
    RecordSyncConfiguration.class
  })
  static class Beans {}

  private final ConfigurableApplicationContext context;
  private final List<RecordEvent> delivered = Collections.synchronizedList(new ArrayList<>());

  private SyncApp(ConfigurableApplicationContext context) {
    this.context = context;
    context.getBean(RecordEventRelay.class).addListener(delivered::addAll);
  }

  /** Starts against {@code tenant} on the in-memory H2 database {@code database}. */
  static SyncApp start(TenantDouble tenant, String database, String... settings) {
    return startOn(tenant, "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", settings);
  }

  /** Starts against {@code tenant} on the database at {@code jdbcUrl}. */
  static SyncApp startOn(TenantDouble tenant, String jdbcUrl, String... settings) {
    List<String> properties = new ArrayList<>();
    properties.add("spring.datasource.url=" + jdbcUrl);
    properties.add("spring.flyway.table=erp_schema_history");
    properties.add("stroomlijn.erp.connector=business-central");
    properties.add("stroomlijn.business-central.tenant-id=" + TenantDouble.TENANT);
    properties.add("stroomlijn.business-central.environment=production");
    properties.add("stroomlijn.business-central.client-id=app-id");
    properties.add("stroomlijn.business-central.client-secret=s3cr3t-value");
    properties.add("stroomlijn.business-central.api-url=" + tenant.apiUrl());
    properties.add("stroomlijn.business-central.token-url=" + tenant.tokenUrl());
    // No periodic catch-up unless a test asks for one.
    properties.add("stroomlijn.business-central.catch-up-interval=PT1H");
    properties.add("stroomlijn.business-central.page-size=500");
    properties.addAll(List.of(settings));
    // A setting given twice would be both values: the test's own win.
    Map<String, String> byName = new LinkedHashMap<>();
    for (String property : properties) {
      int equals = property.indexOf('=');
      byName.put(property.substring(0, equals), property.substring(equals + 1));
    }
    // As command line arguments, these win over application.yaml (its database is a file).
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Beans.class)
            .web(WebApplicationType.NONE)
            .run(
                byName.entrySet().stream()
                    .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                    .toArray(String[]::new));
    return new SyncApp(context);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  JdbcTemplate jdbc() {
    return bean(JdbcTemplate.class);
  }

  /**
   * Adds a watched set as the subscription upkeep does, and waits for its first read and the
   * catch-up that follows it.
   */
  void watch(UUID company, String entitySet) {
    jdbc()
        .update(
            "INSERT INTO bc_watched_set (company_id, entity_set, client_state, created_at)"
                + " VALUES (?, ?, ?, ?)",
            company,
            entitySet,
            UUID.randomUUID().toString(),
            OffsetDateTime.now(ZoneOffset.UTC));
    bean(RecordSyncWakeUps.class).watchedSetsChanged();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              ReadProgress.SetProgress set =
                  bean(ReadProgress.class).find(company, entitySet).orElseThrow();
              return set.baselineRead() && set.lastCatchUpAt() != null;
            });
  }

  /** Stores notifications as the receiver does and wakes the worker. */
  void notify(UUID company, String entitySet, ChangeType type, String... resources) {
    List<Notification> notifications = new ArrayList<>();
    for (String resource : resources) {
      notifications.add(new Notification(0, company, entitySet, type, resource, null, null, 0));
    }
    bean(NotificationInbox.class).store(notifications);
    bean(RecordSyncWakeUps.class).notificationsStored();
  }

  /**
   * Waits until the inbox holds nothing of the company: every notification's events are committed
   * by then.
   */
  void awaitInboxEmpty(UUID company) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc()
                        .queryForObject(
                            "SELECT COUNT(*) FROM bc_notification WHERE company_id = ?",
                            Long.class,
                            company)
                    == 0);
  }

  /** Asks for a catch-up as the upkeep does and waits until it finished. */
  void catchUp(UUID company, String entitySet) {
    OffsetDateTime before = lastCatchUp(company, entitySet);
    jdbc()
        .update(
            "UPDATE bc_watched_set SET catch_up_due = TRUE WHERE company_id = ? AND entity_set = ?",
            company,
            entitySet);
    bean(RecordSyncWakeUps.class).watchedSetsChanged();
    awaitCatchUpAfter(company, entitySet, before);
  }

  void awaitCatchUpAfter(UUID company, String entitySet, OffsetDateTime before) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              OffsetDateTime last = lastCatchUp(company, entitySet);
              return last != null && (before == null || last.isAfter(before));
            });
  }

  OffsetDateTime lastCatchUp(UUID company, String entitySet) {
    return bean(ReadProgress.class).find(company, entitySet).orElseThrow().lastCatchUpAt();
  }

  /** Every event in the outbox, once the relay has delivered them all to the listener. */
  List<RecordEvent> events() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc()
                        .queryForObject(
                            "SELECT COUNT(*) FROM erp_record_event WHERE delivered = FALSE",
                            Long.class)
                    == 0);
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  /** Events written to the outbox, delivered or not. */
  long outboxSize() {
    return jdbc().queryForObject("SELECT COUNT(*) FROM erp_record_event", Long.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
