package io.stroomlijn.erp.businesscentral.status;

import io.stroomlijn.erp.ErpPermissions;
import io.stroomlijn.erp.businesscentral.BusinessCentralHttp;
import io.stroomlijn.erp.businesscentral.BusinessCentralLease;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.BusinessCentralTokens;
import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import io.stroomlijn.erp.businesscentral.sync.RecordSyncProperties;
import io.stroomlijn.erp.businesscentral.sync.RecordSyncStatus;
import io.stroomlijn.erp.businesscentral.webhooks.NotificationInbox;
import io.stroomlijn.erp.businesscentral.webhooks.SubscriptionUpkeep;
import io.stroomlijn.erp.businesscentral.webhooks.WatchedSet;
import io.stroomlijn.erp.businesscentral.webhooks.WatchedSets;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/business-central/status}, for administrators: how the connection to Business
 * Central is doing (token, throttling), each watched set with its webhook subscription and catch-up
 * state, the notification inbox and the last upkeep. It never shows a client state, a token or a
 * secret. It asks Business Central nothing: everything comes from this node's memory and the
 * database.
 */
@ConditionalOnBusinessCentral
@RestController
class BusinessCentralStatusController {

  static final String PATH = "/api/business-central/status";

  private final BusinessCentralProperties properties;
  private final RecordSyncProperties sync;
  private final BusinessCentralTokens tokens;
  private final BusinessCentralHttp http;
  private final WatchedSets watchedSets;
  private final NotificationInbox inbox;
  private final BusinessCentralLease lease;
  private final ErpPermissions permissions;
  private final RecordSyncStatus recordSync;

  BusinessCentralStatusController(
      BusinessCentralProperties properties,
      RecordSyncProperties sync,
      BusinessCentralTokens tokens,
      BusinessCentralHttp http,
      WatchedSets watchedSets,
      NotificationInbox inbox,
      BusinessCentralLease lease,
      ErpPermissions permissions,
      RecordSyncStatus recordSync) {
    this.properties = properties;
    this.recordSync = recordSync;
    this.sync = sync;
    this.tokens = tokens;
    this.http = http;
    this.watchedSets = watchedSets;
    this.inbox = inbox;
    this.lease = lease;
    this.permissions = permissions;
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> status(HttpServletRequest request) {
    if (!permissions.isAdministrator(request.getRemoteUser())) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", "AdministratorRequired");
      error.put(
          "message",
          "Only administrators (group camunda-admin) may read the Business Central status.");
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("error", error));
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<WatchedSet> sets = watchedSets.all();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("connection", connection(sets));
    status.put("token", token());
    status.put("throttling", throttling());
    status.put("inbox", inbox());
    status.put("upkeep", upkeep());
    status.put("watchedSets", sets.stream().map(set -> watchedSet(set, now)).toList());
    status.put("sync", recordSync.report());
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.APPLICATION_JSON)
        .body(status);
  }

  private Map<String, Object> connection(List<WatchedSet> sets) {
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("apiUrl", String.valueOf(properties.apiUrl()));
    connection.put(
        "notificationUrl",
        properties.notificationUrl() == null ? null : properties.notificationUrl().toString());
    connection.put(
        "mode",
        properties.notificationUrl() == null
            ? "polling only: no notification-url"
            : "webhooks and catch-up");
    // The setting as given, names or ids; empty means every company.
    connection.put("companies", properties.companies());
    connection.put("maxSubscriptions", properties.maxSubscriptions());
    connection.put("subscriptions", sets.stream().filter(WatchedSet::subscribed).count());
    return connection;
  }

  private Map<String, Object> token() {
    BusinessCentralTokens.State state = tokens.state();
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("cached", state.cached());
    token.put("expiresAt", state.expiresAt());
    token.put("fetches", state.fetches());
    token.put("lastRefusal", state.lastRefusal());
    token.put("lastRefusalAt", state.lastRefusalAt());
    return token;
  }

  private Map<String, Object> throttling() {
    Map<String, Object> throttling = new LinkedHashMap<>();
    throttling.put("inFlight", http.inFlight());
    throttling.put("queued", http.queued());
    throttling.put("usedInWindow", http.usedInWindow());
    throttling.put("maxRequestsPerWindow", properties.maxRequestsPerWindow());
    throttling.put("window", properties.window());
    throttling.put("peakInFlight", http.peakInFlight());
    throttling.put("maxConcurrentRequests", properties.maxConcurrentRequests());
    throttling.put("lastThrottled", http.lastThrottled().orElse(null));
    return throttling;
  }

  private Map<String, Object> inbox() {
    Map<String, Object> pending = new LinkedHashMap<>();
    pending.put("pending", inbox.pending());
    pending.put("oldestPending", inbox.oldestPending().orElse(null));
    return pending;
  }

  private Map<String, Object> upkeep() {
    Map<String, Object> upkeep = new LinkedHashMap<>();
    upkeep.put("interval", sync.upkeepInterval());
    upkeep.put("renewBefore", sync.renewBefore());
    BusinessCentralLease.Run run = lease.lastRun(SubscriptionUpkeep.LEASE).orElse(null);
    upkeep.put("running", run != null && run.heldBy() != null);
    upkeep.put("lastRunAt", run == null ? null : run.lastRunAt());
    upkeep.put("lastError", run == null ? null : run.lastError());
    return upkeep;
  }

  /** One watched set; its client state is left out on purpose. */
  private Map<String, Object> watchedSet(WatchedSet set, OffsetDateTime now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("companyId", set.companyId());
    json.put("companyName", set.companyName());
    json.put("entitySet", set.entitySet());
    json.put("resource", set.key().resource(properties.apiUrl()));
    json.put("subscription", subscriptionState(set, now));
    json.put("subscriptionId", set.subscriptionId());
    json.put("expiresAt", set.expiresAt());
    json.put("lastNotificationAt", set.lastNotificationAt());
    json.put("notifications", set.notifications());
    json.put("failures", set.failures());
    json.put("lastError", set.lastError());
    json.put("lastErrorAt", set.lastErrorAt());
    json.put("baselineReadAt", set.baselineReadAt());
    json.put("watermark", set.watermark());
    json.put("lastCatchUpAt", set.lastCatchUpAt());
    json.put("catchUpDue", set.catchUpDue());
    json.put("watchedSince", set.createdAt());
    return json;
  }

  private String subscriptionState(WatchedSet set, OffsetDateTime now) {
    if (set.subscribed()) {
      return set.expiresAt() != null && set.expiresAt().isBefore(now) ? "expired" : "active";
    }
    if (properties.notificationUrl() == null) {
      return "polling only: no notification-url";
    }
    if (set.baselineReadAt() == null) {
      return "waiting for the first read of its records";
    }
    return "not subscribed (see lastError); changes are found by catch-up";
  }
}
