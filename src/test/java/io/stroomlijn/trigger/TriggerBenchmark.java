package io.stroomlijn.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import io.stroomlijn.erp.events.RecordEventRelay;
import io.stroomlijn.support.StandaloneApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The automated-flow benchmark (not a test: it asserts nothing about time). Run it with {@code mvn
 * -Pbench test}; it prints a table and writes {@code target/benchmark/trigger-benchmark.json}. It
 * runs the whole application on an H2 file, as a user would, and measures:
 *
 * <p>With {@code -Dbench.postgres=true} it runs on an embedded PostgreSQL (fsync and synchronous
 * commit on) instead. {@code -Dbench.force=false} leaves H2's stores unforced (the durability of a
 * killed process, not of a power cut), to measure what forcing costs.
 *
 * <ul>
 *   <li>latency from ERP commit to the run's commit at a steady 50 events/s;
 *   <li>sustained starts per second of a trivial flow from record events, against the raw engine
 *       starting the same BPMN with the same variables through {@code startProcessInstanceByKey},
 *       once with one start per transaction and once with 500 starts per transaction (as the relay
 *       commits them: the fair baseline for batching);
 *   <li>a bulk of changes (100,000 by default, {@code -Dbench.bulk=N}): time, runs, dropped, heap.
 * </ul>
 */
class TriggerBenchmark {

  private static final String FLOW =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:message id="Message_Created" name="erp.customers.created:bench" />
        <bpmn:process id="BenchTrivial" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_Direct" />
          <bpmn:startEvent id="StartEvent_CustomerCreated">
            <bpmn:extensionElements>
              <camunda:executionListener class="io.stroomlijn.trigger.BenchProbe" event="start" />
            </bpmn:extensionElements>
            <bpmn:messageEventDefinition messageRef="Message_Created" />
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Direct" targetRef="Task_NoOp" />
          <bpmn:sequenceFlow id="Flow_2" sourceRef="StartEvent_CustomerCreated" targetRef="Task_NoOp" />
          <bpmn:serviceTask id="Task_NoOp" camunda:expression="${true}" />
          <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_NoOp" targetRef="EndEvent_Done" />
          <bpmn:endEvent id="EndEvent_Done" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static final boolean POSTGRES = Boolean.getBoolean("bench.postgres");
  private static final boolean FORCE =
      Boolean.parseBoolean(System.getProperty("bench.force", "true"));

  /** The most runs the relay starts in one transaction, and so the raw batched baseline. */
  private static final int BATCH = 500;

  /** Which parts to run ({@code -Dbench.parts=latency,throughput,bulk}, all by default). */
  private static final List<String> PARTS =
      List.of(System.getProperty("bench.parts", "latency,throughput,bulk").split(","));

  private final Map<String, Object> results = new LinkedHashMap<>();

  @Test
  void run() throws Exception {
    Path folder = Path.of("target", "benchmark");
    FileSystemUtils.deleteRecursively(folder);
    Files.createDirectories(folder.resolve("processes"));
    Files.writeString(folder.resolve("processes/BenchTrivial.bpmn"), FLOW);
    // Durable commits, as the H2 runs have them (embedded PostgreSQL may default otherwise).
    EmbeddedPostgres postgres =
        POSTGRES
            ? EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start()
            : null;
    String[] database =
        postgres != null
            ? new String[] {
              "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
              "spring.datasource.username=postgres",
              "spring.datasource.password=postgres"
            }
            : new String[] {
              "spring.datasource.url=jdbc:h2:file:"
                  + folder.toAbsolutePath().resolve("db/stroomlijn")
                  + ";DB_CLOSE_ON_EXIT=FALSE"
                  + System.getProperty("bench.h2", ";RETENTION_TIME=0;QUERY_CACHE_SIZE=256")
            };
    List<String> settings = new ArrayList<>(List.of(database));
    // -Dbench.force=false: H2's stores are written to the operating system but not forced to
    // disk (what the durable path did before; survives kill -9, not a power cut).
    settings.add("stroomlijn.storage.h2-force-to-disk=" + FORCE);
    settings.add("stroomlijn.processes.location=" + folder.resolve("processes"));
    settings.add("logging.level.root=WARN");
    try (postgres;
        ConfigurableApplicationContext app =
            StandaloneApp.start("benchmark", settings.toArray(String[]::new))) {
      EmbeddedErp erp = app.getBean(EmbeddedErp.class);
      UUID company = app.getBean(Companies.class).create("BENCH", "Benchmark", "bench");
      if (PARTS.contains("latency")) {
        latency(erp, company, app.getBean(HistoryService.class));
        results.put("databaseMbAfterLatency", databaseMb(folder));
      }
      if (PARTS.contains("throughput")) {
        throughput(app, erp, company);
        results.put("databaseMbAfterThroughput", databaseMb(folder));
      }
      if (PARTS.contains("bulk")) {
        bulk(
            erp,
            company,
            app.getBean(HistoryService.class),
            Integer.getInteger("bench.bulk", 100_000));
      }
    }
    report(folder.resolve("trigger-benchmark.json"));
  }

  private static long databaseMb(Path folder) throws Exception {
    Path file = folder.resolve("db/stroomlijn.mv.db");
    return Files.exists(file) ? Files.size(file) / (1024 * 1024) : -1;
  }

  /** A steady 50 changes per second; latency from the change's commit to its run's commit. */
  private void latency(EmbeddedErp erp, UUID company, HistoryService history) throws Exception {
    // A server runs for days: measure after the JIT compiler has done most of its work (on two
    // cores it takes half the CPU for the first minute), not the first seconds after start.
    steady(erp, company, Integer.getInteger("bench.warmupSeconds", 60), null);
    List<Long> latencies = new ArrayList<>();
    steady(erp, company, Integer.getInteger("bench.latencySeconds", 60), latencies);
    Collections.sort(latencies);
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("eventsPerSecond", 50);
    latency.put("events", latencies.size());
    // The relay can pick an event up before the writer's call returns: the minimum can be ~0.
    latency.put("minMs", percentile(latencies, 0));
    latency.put("p50Ms", percentile(latencies, 50));
    latency.put("p95Ms", percentile(latencies, 95));
    latency.put("p99Ms", percentile(latencies, 99));
    latency.put("maxMs", percentile(latencies, 100));
    results.put("latency", latency);
  }

  private void steady(EmbeddedErp erp, UUID company, int seconds, List<Long> latencies)
      throws Exception {
    Map<String, Long> committedAt = new LinkedHashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < seconds * 50; i++) {
      long due = start + i * 20_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Record created =
          erp.create(company, "customers", Map.of("displayName", "Steady " + i), "bench");
      committedAt.put(created.id().toString(), System.nanoTime());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!BenchProbe.COMMITTED_AT.keySet().containsAll(committedAt.keySet())
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    if (latencies != null) {
      committedAt.forEach(
          (id, at) -> {
            Long run = BenchProbe.COMMITTED_AT.get(id);
            latencies.add(run == null ? Long.MAX_VALUE : run - at);
          });
    }
  }

  /**
   * Starts per second with a backlog: changes are committed while delivery is paused, then
   * delivered. The raw engine starts the same BPMN with the same variables, one call per run.
   */
  private void throughput(ConfigurableApplicationContext app, EmbeddedErp erp, UUID company)
      throws Exception {
    RecordEventRelay relay = app.getBean(RecordEventRelay.class);
    RuntimeService runtime = app.getBean(RuntimeService.class);
    HistoryService history = app.getBean(HistoryService.class);
    int runs = Integer.getInteger("bench.throughput", 20_000);
    List<RecordEvent> sample = new ArrayList<>();
    double triggered = 0;
    double raw = 0;
    double rawWithoutVariables = 0;
    double rawBatched = 0;
    TransactionTemplate transactions =
        new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    for (int round = 0; round < 2; round++) {
      relay.stop();
      for (int i = 0; i < runs; i++) {
        erp.create(company, "customers", Map.of("displayName", "Backlog " + i), "bench");
      }
      long before =
          history.createHistoricProcessInstanceQuery().processDefinitionKey("BenchTrivial").count();
      long start = System.nanoTime();
      relay.start();
      while (history
              .createHistoricProcessInstanceQuery()
              .processDefinitionKey("BenchTrivial")
              .count()
          < before + runs) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      triggered = runs / seconds(start);

      RecordEvent event = event(erp, company);
      start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        runtime.startProcessInstanceByKey("BenchTrivial", "raw", TriggerVariables.forRun(event));
      }
      raw = runs / seconds(start);
      // The same starts, BATCH per transaction, as the relay commits them.
      start = System.nanoTime();
      for (int done = 0; done < runs; done += BATCH) {
        int count = Math.min(BATCH, runs - done);
        transactions.executeWithoutResult(
            status -> {
              for (int i = 0; i < count; i++) {
                runtime.startProcessInstanceByKey(
                    "BenchTrivial", "raw", TriggerVariables.forRun(event));
              }
            });
      }
      rawBatched = runs / seconds(start);
      start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        runtime.startProcessInstanceByKey("BenchTrivial");
      }
      rawWithoutVariables = runs / seconds(start);
      sample.add(event);
    }
    Map<String, Object> throughput = new LinkedHashMap<>();
    throughput.put("runsPerRound", runs);
    throughput.put("triggeredStartsPerSecond", Math.round(triggered));
    throughput.put("rawEngineStartsPerSecond", Math.round(raw));
    throughput.put("ratio", Math.round(triggered / raw * 100) / 100.0);
    throughput.put("rawEngineBatchedStartsPerSecond", Math.round(rawBatched));
    throughput.put("ratioToBatched", Math.round(triggered / rawBatched * 100) / 100.0);
    throughput.put("rawEngineWithoutVariablesStartsPerSecond", Math.round(rawWithoutVariables));
    results.put("throughput", throughput);
  }

  /** A customer-created event like the ones the relay delivers, for the raw engine's variables. */
  private static RecordEvent event(EmbeddedErp erp, UUID company) {
    Record customer =
        erp.find(company, "customers", io.stroomlijn.erp.RecordQuery.all()).records().get(0);
    Map<String, Object> record = new LinkedHashMap<>();
    customer
        .fields()
        .forEach((field, value) -> record.put(field, value == null ? null : value.toString()));
    return new RecordEvent(
        UUID.randomUUID(),
        0,
        company,
        "customers",
        customer.id(),
        RecordEventType.CREATED,
        record,
        null,
        List.of(),
        "bench",
        OffsetDateTime.now(),
        io.stroomlijn.erp.RecordEventSource.COMMIT);
  }

  /** Many changes in one go from two writers; every one must start its run. */
  private void bulk(EmbeddedErp erp, UUID company, HistoryService history, int changes)
      throws Exception {
    long before =
        history.createHistoricProcessInstanceQuery().processDefinitionKey("BenchTrivial").count()
            - history
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("raw")
                .count();
    long directRuns =
        history.createHistoricProcessInstanceQuery().processDefinitionKey("BenchTrivial").count()
            - before;
    // The heap in use, sampled ten times a second: bounded memory means this stays flat however
    // many changes wait, not that no pool ever filled up before a collection.
    java.util.concurrent.atomic.AtomicLong peakHeap = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () ->
            peakHeap.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
        0,
        100,
        TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    List<Future<?>> done = new ArrayList<>();
    for (int writer = 0; writer < 2; writer++) {
      int first = writer * (changes / 2);
      done.add(
          writers.submit(
              () -> {
                for (int i = first; i < first + changes / 2; i++) {
                  erp.create(company, "customers", Map.of("displayName", "Bulk " + i), "bench");
                }
                return null;
              }));
    }
    for (Future<?> writer : done) {
      writer.get();
    }
    writers.shutdown();
    double writeSeconds = seconds(start);
    long target = before + directRuns + changes;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    long now;
    while ((now =
                history
                    .createHistoricProcessInstanceQuery()
                    .processDefinitionKey("BenchTrivial")
                    .count())
            < target
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    double totalSeconds = seconds(start);
    long started = now - before - directRuns;
    sampler.shutdownNow();
    Map<String, Object> bulk = new LinkedHashMap<>();
    bulk.put("changes", changes);
    bulk.put("writeSeconds", Math.round(writeSeconds * 10) / 10.0);
    bulk.put("totalSeconds", Math.round(totalSeconds * 10) / 10.0);
    bulk.put("runsStarted", started);
    bulk.put("dropped", changes - started);
    bulk.put("peakHeapMb", peakHeap.get() / (1024 * 1024));
    bulk.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    bulk.put("databaseMb", databaseMb(Path.of("target", "benchmark")));
    results.put("bulk", bulk);
  }

  private void report(Path json) throws Exception {
    results.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + (POSTGRES
                ? ", PostgreSQL (embedded, fsync on)"
                : ", H2 file database, " + (FORCE ? "forced to disk" : "not forced")));
    Files.writeString(
        json,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
    @SuppressWarnings("unchecked")
    Map<String, Object> latency = (Map<String, Object>) results.get("latency");
    @SuppressWarnings("unchecked")
    Map<String, Object> throughput = (Map<String, Object>) results.get("throughput");
    @SuppressWarnings("unchecked")
    Map<String, Object> bulk = (Map<String, Object>) results.get("bulk");
    System.out.println();
    System.out.println("Automated flows benchmark (" + results.get("machine") + ")");
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    if (latency != null) {
      System.out.printf(
          "| latency at 50 events/s, min / p50 / p95 / p99 / max | %s / %s / %s / %s / %s ms |%n",
          latency.get("minMs"),
          latency.get("p50Ms"),
          latency.get("p95Ms"),
          latency.get("p99Ms"),
          latency.get("maxMs"));
    }
    if (throughput != null) {
      System.out.printf(
          "| triggered starts per second (trivial flow) | %s |%n",
          throughput.get("triggeredStartsPerSecond"));
      System.out.printf(
          "| raw engine, same BPMN and variables | %s |%n",
          throughput.get("rawEngineStartsPerSecond"));
      System.out.printf(
          "| ratio triggered / raw (one start per transaction) | %s |%n", throughput.get("ratio"));
      System.out.printf(
          "| raw engine, same BPMN and variables, %d starts per transaction | %s |%n",
          BATCH, throughput.get("rawEngineBatchedStartsPerSecond"));
      System.out.printf(
          "| ratio triggered / raw (%d per transaction) | %s |%n",
          BATCH, throughput.get("ratioToBatched"));
      System.out.printf(
          "| raw engine, no variables | %s |%n",
          throughput.get("rawEngineWithoutVariablesStartsPerSecond"));
    }
    if (bulk != null) {
      System.out.printf(
          "| bulk: changes, runs started, dropped | %s, %s, %s |%n",
          bulk.get("changes"), bulk.get("runsStarted"), bulk.get("dropped"));
      System.out.printf(
          "| bulk: writes done / all runs started | %s s / %s s |%n",
          bulk.get("writeSeconds"), bulk.get("totalSeconds"));
      System.out.printf(
          "| bulk: heap in use, highest sample (of max) | %s MB (%s MB) |%n",
          bulk.get("peakHeapMb"), bulk.get("maxHeapMb"));
    }
    if (!POSTGRES) {
      System.out.printf(
          "| H2 file after latency / throughput / bulk | %s / %s / %s MB |%n",
          results.get("databaseMbAfterLatency"),
          results.get("databaseMbAfterThroughput"),
          bulk == null ? null : bulk.get("databaseMb"));
    }
    System.out.println("Written to " + json.toAbsolutePath());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
    long nanos = sorted.get(Math.max(0, index));
    return nanos == Long.MAX_VALUE
        ? Double.POSITIVE_INFINITY
        : Math.round(nanos / 10_000.0) / 100.0;
  }
}
