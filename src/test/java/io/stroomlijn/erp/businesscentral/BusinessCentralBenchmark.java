package io.stroomlijn.erp.businesscentral;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.BusinessCentralTenant;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.trigger.BenchProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The Business Central benchmark (not a test: it asserts nothing about time). Run it with {@code
 * mvn -Pbench test -Dtest=BusinessCentralBenchmark}; it prints a table and writes {@code
 * target/benchmark-business-central/business-central-benchmark.json}.
 *
 * <p>Stroomlijn's embedded ERP plays the tenant (in memory: its speed is not measured) behind
 * {@link BusinessCentralTenant}'s tokens, with Business Central's webhook timing (30 s gathering, a
 * {@code collection} above 1,000 changes); the connector runs on an H2 file with durable commits.
 * Two parts:
 *
 * <ul>
 *   <li>latency: a customer is changed in the tenant, then the benchmark sends the notification
 *       itself, as Business Central would after its gathering delay; measured from sending it to
 *       the commit of the run it starts ({@code -Dbench.bcSamples=300});
 *   <li>collection: {@code -Dbench.bcChanges=100000} customers are created in the tenant; its
 *       collection notifications are read page by page; runs started, dropped, doubled, requests to
 *       the tenant, the most at a time and within 5 minutes, and the time until the last run.
 * </ul>
 */
class BusinessCentralBenchmark {

  private static final int SAMPLES = Integer.getInteger("bench.bcSamples", 300);
  private static final int CHANGES = Integer.getInteger("bench.bcChanges", 100_000);

  private static String flow(String id, String event) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
          <bpmn:message id="Message_Event" name="erp.customers.%2$s:bench" />
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Customer">
              <bpmn:extensionElements>
                <camunda:executionListener class="io.stroomlijn.trigger.BenchProbe" event="start" />
              </bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="Message_Event" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Customer" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, event);
  }

  @Test
  void run() throws Exception {
    Path folder = Path.of("target", "benchmark-business-central").toAbsolutePath();
    FileSystemUtils.deleteRecursively(folder);
    Files.createDirectories(folder.resolve("processes"));
    Files.createDirectories(folder.resolve("no-processes"));
    Files.writeString(
        folder.resolve("processes/BenchModified.bpmn"), flow("BenchModified", "modified"));
    Files.writeString(
        folder.resolve("processes/BenchCreated.bpmn"), flow("BenchCreated", "created"));
    Map<String, Object> results = new LinkedHashMap<>();
    int port = freePort();
    try (ConfigurableApplicationContext tenantApp =
            StandaloneApp.start(
                "bcBenchTenant",
                "spring.datasource.url=jdbc:h2:mem:bc-bench-tenant;DB_CLOSE_DELAY=-1",
                "stroomlijn.processes.location=" + folder.resolve("no-processes"),
                "stroomlijn.erp.webhooks.delay=PT30S",
                "stroomlijn.erp.webhooks.collection-threshold=1000",
                "logging.level.root=WARN");
        BusinessCentralTenant tenant =
            new BusinessCentralTenant(
                StandaloneApp.port(tenantApp),
                StroomlijnTest.ADMIN,
                StroomlijnTest.ADMIN_PASSWORD,
                Duration.ofMinutes(5));
        ConfigurableApplicationContext app = startConnector(folder, port, tenant)) {
      EmbeddedErp tenantErp = tenantApp.getBean(EmbeddedErp.class);
      UUID company = tenantApp.getBean(Companies.class).create("BENCH", "Benchmark", "bench");
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      awaitSubscription(jdbc, company);

      latency(results, tenantErp, company, jdbc, port);
      collection(results, tenant, tenantErp, company, app.getBean(HistoryService.class), jdbc);
    }
    System.out.println();
    System.out.println("Business Central benchmark (embedded ERP as the tenant, H2 file)");
    results.forEach((name, value) -> System.out.printf("  %-44s %s%n", name, value));
    Files.writeString(
        folder.resolve("business-central-benchmark.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
  }

  private static ConfigurableApplicationContext startConnector(
      Path folder, int port, BusinessCentralTenant tenant) {
    List<String> settings = new ArrayList<>(tenant.connectorSettings());
    settings.add("server.port=" + port);
    settings.add(
        "spring.datasource.url=jdbc:h2:file:"
            + folder.resolve("db/stroomlijn")
            + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256");
    settings.add("stroomlijn.processes.location=" + folder.resolve("processes"));
    settings.add(
        "stroomlijn.business-central.notification-url=http://127.0.0.1:"
            + port
            + "/webhooks/business-central");
    // Default upkeep (a pass a minute, the first 5 s after start and right after a first read),
    // so the requests counted are what a real installation makes.
    settings.add("logging.level.root=WARN");
    return StandaloneApp.start("bcBenchConnector", settings.toArray(String[]::new));
  }

  /** Waits until the connector holds its subscriptions to the tenant's customers. */
  private static void awaitSubscription(JdbcTemplate jdbc, UUID company)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Integer subscribed =
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM bc_watched_set WHERE company_id = ? AND entity_set ="
                  + " 'customers' AND subscription_id IS NOT NULL",
              Integer.class,
              company);
      if (subscribed != null && subscribed > 0) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("The connector did not subscribe to the tenant's customers");
  }

  /** Notification sent -> run committed, one change at a time. */
  private static void latency(
      Map<String, Object> results, EmbeddedErp erp, UUID company, JdbcTemplate jdbc, int port)
      throws Exception {
    Map<String, Object> set =
        jdbc.queryForMap(
            "SELECT subscription_id, client_state FROM bc_watched_set WHERE company_id = ? AND"
                + " entity_set = 'customers'",
            company);
    ApiClient receiver = ApiClient.anonymous(port);
    Record customer = erp.create(company, "customers", Map.of("displayName", "Latency"), "bench");
    String key = customer.id().toString();
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < SAMPLES + 20; i++) {
      erp.update(
          company, "customers", customer.id(), Map.of("displayName", "Latency " + i), "*", "bench");
      BenchProbe.COMMITTED_AT.remove(key);
      Map<String, Object> notification = new LinkedHashMap<>();
      notification.put("subscriptionId", set.get("SUBSCRIPTION_ID"));
      notification.put("clientState", set.get("CLIENT_STATE"));
      notification.put(
          "expirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).toString());
      notification.put("resource", "api/v2.0/companies(" + company + ")/customers(" + key + ")");
      notification.put("changeType", "updated");
      notification.put("lastModifiedDateTime", OffsetDateTime.now(ZoneOffset.UTC).toString());
      long sent = System.nanoTime();
      ApiClient.Response answer =
          receiver.post("/webhooks/business-central", Map.of("value", List.of(notification)));
      if (answer.status() != 202) {
        throw new AssertionError("The receiver refused a notification: " + answer);
      }
      long deadline = sent + TimeUnit.SECONDS.toNanos(30);
      Long committed;
      while ((committed = BenchProbe.COMMITTED_AT.get(key)) == null
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      if (committed == null) {
        throw new AssertionError("No run for notification " + i);
      }
      if (i >= 20) {
        micros.add(TimeUnit.NANOSECONDS.toMicros(committed - sent));
      }
    }
    Collections.sort(micros);
    results.put("latency.samples", micros.size());
    results.put("latency.p50Ms", millis(percentile(micros, 50)));
    results.put("latency.p99Ms", millis(percentile(micros, 99)));
    results.put("latency.maxMs", millis(percentile(micros, 100)));
  }

  /** A bulk of creations, notified by the tenant as collections. */
  private static void collection(
      Map<String, Object> results,
      BusinessCentralTenant tenant,
      EmbeddedErp erp,
      UUID company,
      HistoryService history,
      JdbcTemplate jdbc)
      throws Exception {
    BenchProbe.COMMITTED_AT.clear();
    tenant.resetCounts();
    long runsBefore = runs(history);
    long notificationsBefore = notifications(jdbc, company);
    List<String> created = new ArrayList<>(CHANGES);
    long start = System.nanoTime();
    for (int i = 0; i < CHANGES; i++) {
      created.add(
          erp.create(company, "customers", Map.of("displayName", "Bulk " + i), "bench")
              .id()
              .toString());
    }
    long committed = System.nanoTime();
    long deadline = committed + TimeUnit.MINUTES.toNanos(20);
    while (!BenchProbe.COMMITTED_AT.keySet().containsAll(created) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    long done = System.nanoTime();
    long started = created.stream().filter(BenchProbe.COMMITTED_AT::containsKey).count();
    long runs = runs(history) - runsBefore;
    Map<String, Object> bySource = new LinkedHashMap<>();
    jdbc.query(
        "SELECT source, COUNT(*) AS events FROM flow_trigger_event WHERE company_id = ? AND"
            + " entity_set = 'customers' AND event_type = 'created' GROUP BY source",
        rs -> {
          bySource.put(rs.getString("source"), rs.getLong("events"));
        },
        company);
    long notifications = notifications(jdbc, company) - notificationsBefore;
    results.put("collection.changes", CHANGES);
    results.put("collection.tenantCommitSeconds", seconds(committed - start));
    results.put("collection.runsStarted", runs);
    results.put("collection.dropped", CHANGES - started);
    results.put("collection.doubled", runs - started);
    results.put("collection.notificationsReceived", notifications);
    results.put("collection.eventsBySource", bySource);
    results.put("collection.requestsToTenant", tenant.apiRequests());
    results.put("collection.peakRequestsInFlight", tenant.peakInFlight());
    results.put("collection.peakRequestsIn5Minutes", tenant.peakInWindow());
    results.put("collection.secondsFirstChangeToLastRun", seconds(done - start));
    results.put("collection.secondsLastChangeToLastRun", seconds(done - committed));
  }

  /** Notifications the receiver took for the company's sets. */
  private static long notifications(JdbcTemplate jdbc, UUID company) {
    Long received =
        jdbc.queryForObject(
            "SELECT SUM(notifications) FROM bc_watched_set WHERE company_id = ?",
            Long.class,
            company);
    return received == null ? 0 : received;
  }

  private static long runs(HistoryService history) {
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("BenchCreated")
        .count();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  private static double millis(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  private static long percentile(List<Long> sorted, int percentile) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
