package io.stroomlijn.instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The instant-flow benchmark (not a test: it asserts nothing about time). Run it with {@code mvn
 * -Pbench test -Dtest=InstantBenchmark}; it prints a table and writes {@code
 * target/benchmark/instant-benchmark.json}. The whole application runs on an H2 file with durable
 * commits, as a user would run it; 16 clients call it over HTTP at once:
 *
 * <ul>
 *   <li>{@code POST /api/flows/instant/{key}/runs} (no wait) for a trivial flow;
 *   <li>the raw {@code POST /engine-rest/process-definition/key/{key}/start} for the same BPMN,
 *       without variables and with the variables an instant run gets.
 * </ul>
 *
 * Each endpoint is warmed up ({@code -Dbench.warmupSeconds=40} each), then the three are measured
 * in turns ({@code -Dbench.rounds=3} rounds of {@code -Dbench.seconds=15} each). Other options:
 * {@code -Dbench.durable=false} (H2's delayed writes instead of durable commits), {@code
 * -Dbench.clients=16}.
 */
class InstantBenchmark {

  private static final String FLOW =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:process id="BenchInstant" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_Selected">
            <bpmn:extensionElements>
              <camunda:properties>
                <camunda:property name="instant.entitySets" value="vendors" />
              </camunda:properties>
              <camunda:formData>
                <camunda:formField id="reason" label="Reason" type="string" />
              </camunda:formData>
            </bpmn:extensionElements>
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Selected" targetRef="Task_NoOp" />
          <bpmn:serviceTask id="Task_NoOp" camunda:expression="${true}" />
          <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_NoOp" targetRef="EndEvent_Done" />
          <bpmn:endEvent id="EndEvent_Done" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.concurrent.atomic.AtomicBoolean FIRST_ERROR =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** {@code -Dbench.force=false}: durable commits written to the operating system, not forced. */
  private static final boolean FORCE =
      Boolean.parseBoolean(System.getProperty("bench.force", "true"));

  private static final boolean DURABLE =
      Boolean.parseBoolean(System.getProperty("bench.durable", "true"));

  private final int clients = Integer.getInteger("bench.clients", 16);
  private final int seconds = Integer.getInteger("bench.seconds", 15);
  private final int rounds = Integer.getInteger("bench.rounds", 3);
  private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 40);
  private final Map<String, Object> results = new LinkedHashMap<>();

  @Test
  void run() throws Exception {
    Path folder = Path.of("target", "benchmark-instant");
    FileSystemUtils.deleteRecursively(folder);
    Files.createDirectories(folder);
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(
            "instantBenchmark",
            "spring.datasource.url=jdbc:h2:file:"
                + folder.toAbsolutePath().resolve("db/stroomlijn")
                + ";DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=0;QUERY_CACHE_SIZE=256",
            "stroomlijn.processes.location=" + folder.resolve("processes"),
            "stroomlijn.storage.h2-durable-commits=" + DURABLE,
            "stroomlijn.storage.h2-force-to-disk=" + FORCE,
            "logging.level.root=WARN")) {
      app.getBean(RepositoryService.class)
          .createDeployment()
          .addString("BenchInstant.bpmn", FLOW)
          .deploy();
      UUID company = app.getBean(Companies.class).create("BENCH", "Benchmark", "bench");
      Record vendor =
          app.getBean(EmbeddedErp.class)
              .create(company, "vendors", Map.of("displayName", "Fabrikam"), "bench");
      String base = "http://localhost:" + StandaloneApp.port(app);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      send(http, base + "/api/flows/consent", "{\"agree\": true}");

      String instant =
          JSON.writeValueAsString(
              Map.of(
                  "companyId", company.toString(),
                  "entitySet", "vendors",
                  "recordId", vendor.id().toString(),
                  "inputs", Map.of("reason", "benchmark")));
      String rawPlain = "{}";
      String rawWithVariables = rawVariables(company, vendor);

      String rawUrl =
          base + "/engine-rest/engine/instantBenchmark/process-definition/key/BenchInstant/start";
      List<Endpoint> endpoints =
          List.of(
              new Endpoint("instantRuns", base + "/api/flows/instant/BenchInstant/runs", instant),
              new Endpoint("rawEngineRest", rawUrl, rawPlain),
              new Endpoint("rawEngineRestSameVariables", rawUrl, rawWithVariables));
      // Warm all three up first, then measure them in turns: the JIT compiler, the garbage
      // collector and the growing database then weigh on each alike, not on whichever came first.
      for (Endpoint endpoint : endpoints) {
        load(http, endpoint.url(), endpoint.body(), null, warmupSeconds);
      }
      for (int round = 0; round < rounds; round++) {
        for (Endpoint endpoint : endpoints) {
          measure(endpoint, http);
        }
      }
      for (Endpoint endpoint : endpoints) {
        results.put(endpoint.name(), endpoint.figures(clients));
      }
      Map<String, Object> instantRuns = endpoints.get(0).figures(clients);
      Map<String, Object> raw = endpoints.get(1).figures(clients);
      Map<String, Object> rawVariables = endpoints.get(2).figures(clients);
      results.put(
          "ratio",
          round(
              (double) instantRuns.get("requestsPerSecond")
                  / (double) raw.get("requestsPerSecond")));
      results.put(
          "ratioSameVariables",
          round(
              (double) instantRuns.get("requestsPerSecond")
                  / (double) rawVariables.get("requestsPerSecond")));
    }
    report(Path.of("target", "benchmark", "instant-benchmark.json"));
  }

  /** The variables an instant run gets, as {@code /engine-rest} takes them. */
  private static String rawVariables(UUID company, Record vendor) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("reason", Map.of("value", "benchmark", "type", "String"));
    variables.put("companyId", Map.of("value", company.toString(), "type", "String"));
    variables.put("entitySet", Map.of("value", "vendors", "type", "String"));
    variables.put("recordId", Map.of("value", vendor.id().toString(), "type", "String"));
    variables.put("startedBy", Map.of("value", "admin", "type", "String"));
    variables.put(
        "webClientUrl",
        Map.of("value", "http://localhost:8080/erp/?company=BENCH", "type", "String"));
    Map<String, Object> record = new LinkedHashMap<>();
    vendor
        .fields()
        .forEach((field, value) -> record.put(field, value == null ? null : value.toString()));
    variables.put(
        "record",
        Map.of(
            "value",
            JSON.writeValueAsString(record),
            "type",
            "Object",
            "valueInfo",
            Map.of(
                "objectTypeName", "java.util.LinkedHashMap",
                "serializationDataFormat", "application/json")));
    return JSON.writeValueAsString(Map.of("variables", variables));
  }

  /** One endpoint under load: its latencies and time measured over all rounds. */
  private record Endpoint(
      String name,
      String url,
      String body,
      List<Long> latencies,
      AtomicLong failures,
      AtomicLong measuredNanos) {

    Endpoint(String name, String url, String body) {
      this(
          name,
          url,
          body,
          Collections.synchronizedList(new ArrayList<>()),
          new AtomicLong(),
          new AtomicLong());
    }

    Map<String, Object> figures(int clients) {
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("clients", clients);
      figures.put("requests", sorted.size());
      figures.put("failures", failures.get());
      figures.put("requestsPerSecond", round(sorted.size() / (measuredNanos.get() / 1e9)));
      figures.put("p50Ms", percentile(sorted, 50));
      figures.put("p99Ms", percentile(sorted, 99));
      return figures;
    }
  }

  /** One round of load on one endpoint, added to its figures. */
  private void measure(Endpoint endpoint, HttpClient http) throws Exception {
    long start = System.nanoTime();
    load(
        http,
        endpoint.url(),
        endpoint.body(),
        new Sink(endpoint.latencies(), endpoint.failures()),
        seconds);
    endpoint.measuredNanos().addAndGet(System.nanoTime() - start);
  }

  private record Sink(List<Long> latencies, AtomicLong failures) {}

  private void load(HttpClient http, String url, String body, Sink sink, int seconds)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      done.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  long before = System.nanoTime();
                  int status = send(http, url, body);
                  long took = System.nanoTime() - before;
                  if (sink != null) {
                    if (status == 200 || status == 201) {
                      sink.latencies().add(took);
                    } else if (sink.failures().incrementAndGet() == 1) {
                      System.out.println("First failure from " + url + ": HTTP " + status);
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> client : done) {
      client.get();
    }
    pool.shutdown();
  }

  private static int send(HttpClient http, String url, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (StroomlijnTest.ADMIN + ":" + StroomlijnTest.ADMIN_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300 && FIRST_ERROR.compareAndSet(false, true)) {
      System.out.println("First error answer: " + response.statusCode() + " " + response.body());
    }
    return response.statusCode();
  }

  @SuppressWarnings("unchecked")
  private void report(Path json) throws Exception {
    results.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + ", H2 file database, "
            + (DURABLE
                ? (FORCE ? "durable commits forced to disk" : "durable commits, not forced")
                : "H2's delayed writes"));
    Files.createDirectories(json.getParent());
    Files.writeString(
        json,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
    System.out.println();
    System.out.println(
        "Instant flows benchmark (" + results.get("machine") + ", " + clients + " clients)");
    System.out.println("| endpoint | requests/s | p50 ms | p99 ms | failures |");
    System.out.println("|---|---|---|---|---|");
    for (String name : List.of("instantRuns", "rawEngineRest", "rawEngineRestSameVariables")) {
      Map<String, Object> figures = (Map<String, Object>) results.get(name);
      System.out.printf(
          "| %s | %s | %s | %s | %s |%n",
          name,
          figures.get("requestsPerSecond"),
          figures.get("p50Ms"),
          figures.get("p99Ms"),
          figures.get("failures"));
    }
    System.out.printf(
        "| ratio instant / raw, without / with the same variables | %s / %s | | | |%n",
        results.get("ratio"), results.get("ratioSameVariables"));
    System.out.println("Written to " + json.toAbsolutePath());
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static double percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
    return Math.round(sorted.get(Math.max(0, index)) / 10_000.0) / 100.0;
  }
}
