package io.stroomlijn.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.support.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The honest crash test: Stroomlijn runs in a JVM of its own, is killed with SIGKILL in the middle
 * of a burst of ERP changes, and restarted on the same database. Every change that committed before
 * the kill must start the listening flow exactly once.
 */
class CrashRecoveryTest {

  private static final String PASSWORD = "crash-test-password";
  private static final String FLOW =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:message id="Message_CustomerCreated" name="erp.customers.created:crash-probe" />
        <bpmn:process id="CrashProbe" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_CustomerCreated">
            <bpmn:messageEventDefinition messageRef="Message_CustomerCreated" />
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_CustomerCreated" targetRef="EndEvent_Done" />
          <bpmn:endEvent id="EndEvent_Done" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @TempDir Path folder;
  Process app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.destroyForcibly();
    }
  }

  @Test
  void everyChangeCommittedBeforeAKillStartsItsFlowExactlyOnce() throws Exception {
    Files.createDirectories(folder.resolve("processes"));
    Files.writeString(folder.resolve("processes/CrashProbe.bpmn"), FLOW);
    int port = freePort();
    ApiClient api = ApiClient.as(port, "admin", PASSWORD);

    app = start(port, "first.log");
    String company = api.get("/api/v2.0/companies").json().get("value").get(0).get("id").asText();
    String customers = "/api/v2.0/companies(" + company + ")/customers";

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    ExecutorService burst = Executors.newFixedThreadPool(4);
    for (int thread = 0; thread < 4; thread++) {
      burst.submit(
          () -> {
            while (sent.incrementAndGet() <= 400) {
              ApiClient.Response created;
              try {
                created = api.post(customers, Map.of("displayName", "Burst " + sent.get()));
              } catch (RuntimeException killed) {
                return;
              }
              if (created.status() == 201) {
                acknowledged.add(created.json().get("id").asText());
              }
            }
          });
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 120);
    app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    burst.shutdown();
    burst.awaitTermination(30, TimeUnit.SECONDS);

    app = start(port, "second.log");
    List<String> committed = new ArrayList<>();
    api.get(customers + "?$select=id")
        .json()
        .get("value")
        .forEach(customer -> committed.add(customer.get("id").asText()));
    assertThat(committed).containsAll(acknowledged);

    await().atMost(Duration.ofSeconds(60)).until(() -> runCount(api) >= committed.size());
    Map<String, List<String>> runsByCustomer = runsByCustomer(api);
    Map<String, List<String>> runsByEvent = runsByEvent(api);
    String evidence =
        "runs per customer (trigger log): "
            + runsByCustomer
            + "\nruns per event (history, business key): "
            + runsByEvent
            + "\nfirst JVM's log:\n"
            + tail(folder.resolve("first.log"))
            + "\nsecond JVM's log:\n"
            + tail(folder.resolve("second.log"));
    assertThat(runsByEvent.values())
        .as("an event that started its flow more than once\n" + evidence)
        .allSatisfy(runs -> assertThat(runs).hasSize(1));
    assertThat(runsByCustomer.keySet())
        .as("customers with a run\n" + evidence)
        .containsExactlyInAnyOrderElementsOf(committed);
    runsByCustomer.forEach(
        (customer, runs) ->
            assertThat(runs).as("runs for customer " + customer + "\n" + evidence).hasSize(1));
    assertThat(runCount(api)).as(evidence).isEqualTo(committed.size());
    System.out.printf(
        "Crash test: %d creates acknowledged before the kill, %d committed, %d runs after restart%n",
        acknowledged.size(), committed.size(), runCount(api));
  }

  private static long runCount(ApiClient api) {
    return api.get("/engine-rest/history/process-instance/count?processDefinitionKey=CrashProbe")
        .json()
        .get("count")
        .asLong();
  }

  /** From the trigger log: the CrashProbe runs started for each customer. */
  private static Map<String, List<String>> runsByCustomer(ApiClient api) {
    Map<String, List<String>> runs = new HashMap<>();
    JsonNode events =
        api.get("/api/flows/trigger-log?entitySet=customers&limit=500").json().get("value");
    for (JsonNode event : events) {
      for (JsonNode flow : event.get("flows")) {
        if (flow.get("flowKey").asText().equals("CrashProbe")
            && flow.get("outcome").asText().equals("started")) {
          runs.computeIfAbsent(event.get("recordId").asText(), id -> new ArrayList<>())
              .add(flow.get("runId").asText());
        }
      }
    }
    return runs;
  }

  /** From the run history: the CrashProbe runs per business key, which is the event id. */
  private static Map<String, List<String>> runsByEvent(ApiClient api) {
    Map<String, List<String>> runs = new HashMap<>();
    api.get(
            "/engine-rest/history/process-instance?processDefinitionKey=CrashProbe&maxResults=10000")
        .json()
        .forEach(
            run ->
                runs.computeIfAbsent(run.get("businessKey").asText(), key -> new ArrayList<>())
                    .add(run.get("id").asText()));
    return runs;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private Process start(int port, String logName) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.stroomlijn.StroomlijnApplication",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:"
                    + folder.resolve("db")
                    + ";DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=0;QUERY_CACHE_SIZE=256",
                "--stroomlijn.processes.location=" + folder.resolve("processes"),
                "--stroomlijn.admin.password=" + PASSWORD,
                "--stroomlijn.erp.demo-data=true",
                "--logging.level.root=WARN")
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve(logName).toFile())
            .start();
    ApiClient anonymous = ApiClient.anonymous(port);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "Stroomlijn did not start:\n" + Files.readString(folder.resolve(logName)));
              }
              return anonymous.get("/actuator/health").status() == 200;
            });
    return process;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
