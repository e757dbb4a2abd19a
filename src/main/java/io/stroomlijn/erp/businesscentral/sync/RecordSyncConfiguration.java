package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.businesscentral.BusinessCentralHttp;
import io.stroomlijn.erp.businesscentral.BusinessCentralLease;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import io.stroomlijn.erp.businesscentral.webhooks.NotificationInbox;
import io.stroomlijn.erp.businesscentral.webhooks.SubscriptionUpkeep;
import io.stroomlijn.erp.events.RecordEventOutbox;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record sync, made only with {@code stroomlijn.erp.connector=business-central}: Business
 * Central's changes become record events through the notification worker (the receiver's inbox) and
 * the catch-up worker (first reads and catch-ups), both on every node.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBusinessCentral
@EnableConfigurationProperties(RecordSyncProperties.class)
public class RecordSyncConfiguration {

  private static final Duration POLL = Duration.ofSeconds(1);

  /** This node's name in notification claims and the catch-up lease: host and a random part. */
  private final String node = nodeName();

  @Bean
  SyncErrors recordSyncErrors() {
    return new SyncErrors();
  }

  @Bean
  RecordVersions recordVersions() {
    return new RecordVersions();
  }

  @Bean
  SeenRecords seenRecords(JdbcTemplate jdbc, RecordVersions recordVersions) {
    return new SeenRecords(jdbc, recordVersions);
  }

  @Bean
  ReadProgress readProgress(JdbcTemplate jdbc) {
    return new ReadProgress(jdbc);
  }

  @Bean
  ApiAddresses recordSyncAddresses(BusinessCentralProperties properties) {
    return new ApiAddresses(properties.apiUrl());
  }

  @Bean
  ChangeReads changeReads(
      BusinessCentralHttp http,
      ApiAddresses recordSyncAddresses,
      RecordVersions recordVersions,
      RecordSyncProperties settings) {
    return new ChangeReads(http, recordSyncAddresses, recordVersions, settings.pageSize());
  }

  @Bean
  RecordVersionApplier recordVersionApplier(
      SeenRecords seenRecords,
      RecordEventOutbox outbox,
      RecordEventRelay relay,
      TransactionTemplate transaction) {
    return new RecordVersionApplier(seenRecords, outbox, relay, transaction);
  }

  @Bean
  SetReads setReads(
      ChangeReads changeReads,
      ApiAddresses recordSyncAddresses,
      RecordVersionApplier recordVersionApplier,
      SeenRecords seenRecords,
      ReadProgress readProgress,
      RecordSyncProperties settings) {
    return new SetReads(
        changeReads,
        recordSyncAddresses,
        recordVersionApplier,
        seenRecords,
        readProgress,
        settings.catchUpOverlap(),
        settings.deletionCheckInterval());
  }

  @Bean
  NotificationWorker notificationWorker(
      NotificationInbox inbox,
      ReadProgress readProgress,
      ApiAddresses recordSyncAddresses,
      ChangeReads changeReads,
      RecordVersionApplier recordVersionApplier,
      SyncErrors recordSyncErrors,
      RecordSyncProperties settings) {
    return new NotificationWorker(
        inbox,
        readProgress,
        recordSyncAddresses,
        changeReads,
        recordVersionApplier,
        recordSyncErrors,
        node,
        settings.notificationAttempts(),
        settings.catchUpInterval(),
        Duration.ofSeconds(1),
        POLL);
  }

  @Bean
  CatchUpWorker catchUpWorker(
      ReadProgress readProgress,
      SetReads setReads,
      SeenRecords seenRecords,
      SyncErrors recordSyncErrors,
      RecordSyncProperties settings,
      ObjectProvider<SubscriptionUpkeep> upkeep,
      BusinessCentralLease lease) {
    return new CatchUpWorker(
        readProgress,
        setReads,
        seenRecords,
        new CatchUpLease(lease, node, Duration.ofMinutes(2)),
        recordSyncErrors,
        settings.catchUpInterval(),
        POLL,
        () -> upkeep.ifAvailable(SubscriptionUpkeep::wakeUp));
  }

  @Bean
  RecordSyncWakeUps recordSyncWakeUps(
      NotificationWorker notificationWorker, CatchUpWorker catchUpWorker) {
    return new RecordSyncWakeUps(notificationWorker, catchUpWorker);
  }

  @Bean
  RecordSyncStatus recordSyncStatus(
      JdbcTemplate jdbc, SyncErrors recordSyncErrors, RecordSyncProperties settings) {
    return new RecordSyncStatus(jdbc, recordSyncErrors, node, settings.notificationAttempts());
  }

  static String nodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    String random = UUID.randomUUID().toString().substring(0, 8);
    String shortHost = host.length() > 40 ? host.substring(0, 40) : host;
    return shortHost + "-" + random;
  }
}
