package io.stroomlijn.erp.embedded.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The webhook benchmark (not a test: it asserts nothing about time). Run it with {@code mvn -Pbench
 * test -Dtest=WebhookBenchmark}; it prints a table and writes {@code
 * target/benchmark-webhooks/webhook-benchmark.json}. The whole application on an H2 file, one
 * subscription, a receiver on loopback that answers at once, the delay set to zero: {@code
 * -Dbench.webhookChanges=N} changes (10,000 by default) committed one after another, then how many
 * were notified, how many were lost, and the time from each commit to its notification.
 */
class WebhookBenchmark {

  private static final int CHANGES = Integer.getInteger("bench.webhookChanges", 10_000);

  @Test
  void run() throws Exception {
    Path folder = Path.of("target", "benchmark-webhooks");
    FileSystemUtils.deleteRecursively(folder);
    Files.createDirectories(folder);
    Map<String, Object> results = new LinkedHashMap<>();
    try (WebhookReceiver receiver = new WebhookReceiver();
        ConfigurableApplicationContext app =
            StandaloneApp.start(
                "webhookBenchmark",
                "spring.datasource.url=jdbc:h2:file:"
                    + folder.toAbsolutePath().resolve("db/stroomlijn")
                    + ";DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=0;QUERY_CACHE_SIZE=256",
                "stroomlijn.erp.webhooks.delay=PT0S",
                "stroomlijn.erp.webhooks.collection-threshold=1000000",
                "logging.level.root=WARN")) {
      receiver.keepTimesOnly();
      EmbeddedErp erp = app.getBean(EmbeddedErp.class);
      UUID company = app.getBean(Companies.class).create("BENCH", "Benchmark", "bench");
      ApiClient api =
          ApiClient.as(
              StandaloneApp.port(app), StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
      String resource = "/api/v2.0/companies(" + company + ")/customers";
      ApiClient.Response subscribed =
          api.post(
              "/api/v2.0/subscriptions",
              Map.of("notificationUrl", receiver.url(), "resource", resource));
      if (subscribed.status() != 201) {
        throw new AssertionError("Subscribing failed: " + subscribed);
      }

      Map<String, Long> committedAt = new LinkedHashMap<>();
      long start = System.nanoTime();
      for (int i = 0; i < CHANGES; i++) {
        Record created =
            erp.create(company, "customers", Map.of("displayName", "Webhook " + i), "bench");
        committedAt.put(
            "api/v2.0/companies(" + company + ")/customers(" + created.id() + ")",
            System.nanoTime());
      }
      long committed = System.nanoTime();
      long deadline = committed + TimeUnit.MINUTES.toNanos(5);
      while (!receiver.receivedAt().keySet().containsAll(committedAt.keySet())
          && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      long done = System.nanoTime();

      List<Long> latencies = new ArrayList<>();
      committedAt.forEach(
          (record, at) -> {
            Long notified = receiver.receivedAt().get(record);
            if (notified != null) {
              latencies.add(TimeUnit.NANOSECONDS.toMillis(notified - at));
            }
          });
      Collections.sort(latencies);
      results.put("changes", CHANGES);
      results.put("notified", latencies.size());
      results.put("lost", CHANGES - latencies.size());
      results.put("duplicates", receiver.received() - receiver.receivedAt().size());
      results.put("requests", receiver.attempts());
      results.put("commitSeconds", seconds(committed - start));
      results.put("lastNotifiedSecondsAfterLastCommit", seconds(done - committed));
      results.put("p50Ms", percentile(latencies, 50));
      results.put("p99Ms", percentile(latencies, 99));
      results.put("maxMs", percentile(latencies, 100));
    }
    System.out.println();
    System.out.println("Webhook benchmark (delay 0, one subscription, loopback receiver)");
    results.forEach((name, value) -> System.out.printf("  %-36s %s%n", name, value));
    Files.writeString(
        folder.resolve("webhook-benchmark.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  private static long percentile(List<Long> sorted, int percentile) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
