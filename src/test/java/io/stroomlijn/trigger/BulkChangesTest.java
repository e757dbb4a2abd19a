package io.stroomlijn.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A burst of changes starts one run per change: nothing dropped, nothing doubled. */
@StroomlijnTest
class BulkChangesTest {

  private static final int CHANGES = 2000;

  @Autowired Companies companies;
  @Autowired ErpConnector erp;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;

  TestFlows flows;

  @AfterEach
  void removeFlows() {
    flows.removeAll();
  }

  @Test
  void startsOneRunForEveryOneOfThousandsOfChanges() throws Exception {
    UUID company = companies.create("BULK", "Bulk company", "test");
    flows = new TestFlows(repository);
    String key =
        flows.deploy(
            TestFlows.key("BulkVendorCreated"),
            "erp.vendors.created",
            null,
            "trigger.company",
            company.toString());

    long t0 = System.nanoTime();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    var done =
        IntStream.range(0, 4)
            .mapToObj(
                writer ->
                    writers.submit(
                        () -> {
                          for (int i = 0; i < CHANGES / 4; i++) {
                            erp.create(
                                company,
                                "vendors",
                                Map.of("displayName", "V" + writer + "-" + i),
                                "importer");
                          }
                        }))
            .toList();
    for (Future<?> writer : done) {
      writer.get();
    }
    writers.shutdown();
    long t1 = System.nanoTime();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count()
                    >= CHANGES);
    long t2 = System.nanoTime();
    System.out.println(
        "TIMING writes "
            + (t1 - t0) / 1_000_000
            + " ms, runs done "
            + (t2 - t0) / 1_000_000
            + " ms");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count())
        .isEqualTo(CHANGES);
    Long distinctEvents =
        jdbc.queryForObject(
            "SELECT COUNT(DISTINCT event_id) FROM flow_trigger_outcome"
                + " WHERE flow_key = ? AND outcome = 'STARTED'",
            Long.class,
            key);
    assertThat(distinctEvents).isEqualTo(CHANGES);
  }
}
