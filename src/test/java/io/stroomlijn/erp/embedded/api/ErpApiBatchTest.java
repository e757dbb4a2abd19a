package io.stroomlijn.erp.embedded.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST /api/v2.0/$batch} over real HTTP: JSON and multipart/mixed, each request with its own
 * answer, dependsOn, the 100 request limit, and {@code Isolation: snapshot} as one transaction.
 */
@StroomlijnTest
class ErpApiBatchTest {

  private static final String BATCH = "/api/v2.0/$batch";

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired ErpConnector connector;
  @Autowired IdentityService identity;

  final List<RecordEvent> events = new CopyOnWriteArrayList<>();
  ErpFixture erp;
  ApiClient api;
  TestUsers users;

  @BeforeEach
  void newCompany() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    users = new TestUsers(identity, port);
    connector.addRecordEventListener(
        batch ->
            batch.stream()
                .filter(event -> event.companyId().equals(erp.company()))
                .forEach(events::add));
  }

  @AfterEach
  void removeUsers() {
    users.removeAll();
  }

  /** A request of a JSON batch, relative to the service root as Business Central's examples. */
  private Map<String, Object> request(String id, String method, String url, Object body) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("id", id);
    request.put("method", method);
    request.put("url", url);
    if (body != null) {
      request.put("body", body);
      request.put("headers", Map.of("Content-Type", "application/json", "If-Match", "*"));
    }
    return request;
  }

  private String customers() {
    return "companies(" + erp.company() + ")/customers";
  }

  private List<String> customerNames() {
    List<String> names = new ArrayList<>();
    api.get(erp.path("customers"))
        .json()
        .get("value")
        .forEach(c -> names.add(c.get("displayName").asText()));
    return names;
  }

  private static List<Integer> statuses(Response batch) {
    List<Integer> statuses = new ArrayList<>();
    batch.json().get("responses").forEach(r -> statuses.add(r.get("status").asInt()));
    return statuses;
  }

  @Test
  void runsEachRequestInOrderWithItsOwnStatusBodyAndId() {
    Response batch =
        api.post(
            BATCH,
            Map.of(
                "requests",
                List.of(
                    request("create", "POST", customers(), Map.of("displayName", "Adatum")),
                    request("list", "GET", customers() + "?$filter=displayName eq 'Adatum'", null),
                    request("missing", "GET", customers() + "(" + erp.company() + ")", null))));

    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.header("OData-Version")).isEqualTo("4.0");
    JsonNode responses = batch.json().get("responses");
    assertThat(responses)
        .extracting(r -> r.get("id").asText())
        .containsExactly("create", "list", "missing");
    assertThat(statuses(batch)).containsExactly(201, 200, 404);
    JsonNode created = responses.get(0);
    assertThat(created.at("/body/displayName").asText()).isEqualTo("Adatum");
    assertThat(created.at("/body/number").asText()).isEqualTo("C00010");
    assertThat(created.at("/headers/location").asText())
        .endsWith(erp.path("customers", created.at("/body/id").asText()));
    assertThat(created.at("/headers/odata-version").asText()).isEqualTo("4.0");
    assertThat(responses.get(1).at("/body/value/0/displayName").asText()).isEqualTo("Adatum");
    assertThat(responses.get(2).at("/body/error/code").asText()).isEqualTo("BadRequest_NotFound");
    assertThat(customerNames()).containsExactly("Adatum");
  }

  @Test
  void withoutIsolationEachRequestStandsAlone() {
    Response batch =
        api.post(
            BATCH,
            Map.of(
                "requests",
                List.of(
                    request("1", "POST", customers(), Map.of("displayName", "Adatum")),
                    request(
                        "2", "POST", customers(), Map.of("displayName", "Bad", "noSuchField", 1)),
                    request("3", "POST", customers(), Map.of("displayName", "Contoso")))));

    assertThat(statuses(batch)).containsExactly(201, 400, 201);
    assertThat(batch.json().at("/responses/1/body/error/code").asText())
        .isEqualTo("BadRequest_PropertyNotFound");
    assertThat(batch.json().at("/responses/1/body/error/target").asText()).isEqualTo("noSuchField");
    assertThat(customerNames()).containsExactlyInAnyOrder("Adatum", "Contoso");
  }

  @Test
  void withIsolationSnapshotOneFailureWritesNothing() {
    Response batch =
        api.post(
            BATCH,
            Map.of(
                "requests",
                List.of(
                    request("1", "POST", customers(), Map.of("displayName", "Adatum")),
                    request("2", "POST", customers(), Map.of("displayName", "Fabrikam")),
                    request("3", "POST", customers(), Map.of("blocked", "Sometimes")),
                    request("4", "POST", customers(), Map.of("displayName", "Contoso")))),
            "Isolation",
            "snapshot");

    assertThat(batch.status()).isEqualTo(200);
    assertThat(statuses(batch)).containsExactly(201, 201, 400, 424);
    assertThat(batch.json().at("/responses/2/body/error/target").asText()).isEqualTo("blocked");
    assertThat(customerNames()).isEmpty();
    // Numbers were not used up either: the rolled back batch took none.
    assertThat(erp.create("customers", Map.of("displayName", "Later")).get("number").asText())
        .isEqualTo("C00010");
  }

  @Test
  void aSnapshotBatchIsOneTransactionWhoseRecordEventsAreItsNetChanges() {
    Response batch =
        api.post(
            BATCH,
            Map.of(
                "requests",
                List.of(
                    request("1", "POST", customers(), Map.of("displayName", "Adatum")),
                    Map.of(
                        "id",
                        "2",
                        "dependsOn",
                        List.of("1"),
                        "method",
                        "PATCH",
                        "url",
                        "$1",
                        "headers",
                        Map.of("Content-Type", "application/json", "If-Match", "*"),
                        "body",
                        Map.of("displayName", "Adatum B.V.")),
                    request("3", "GET", customers(), null))),
            "Isolation",
            "snapshot");

    assertThat(statuses(batch)).containsExactly(201, 200, 200);
    assertThat(batch.json().at("/responses/2/body/value/0/displayName").asText())
        .as("later requests read the batch's own writes")
        .isEqualTo("Adatum B.V.");
    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
    erp.create("vendors", Map.of("displayName", "Marker"));
    await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
    List<RecordEvent> customerEvents =
        events.stream().filter(e -> e.entitySet().equals("customers")).toList();
    assertThat(customerEvents).hasSize(1);
    assertThat(customerEvents.get(0).type()).isEqualTo(RecordEventType.CREATED);
    assertThat(customerEvents.get(0).record()).containsEntry("displayName", "Adatum B.V.");
  }

  @Test
  void dependsOnRunsInOrderAndSkipsWhatDependsOnAFailure() {
    String customer = erp.create("customers", Map.of("displayName", "Adatum")).get("id").asText();
    String item = erp.item("Bicycle", "100").get("id").asText();
    Response batch =
        api.post(
            BATCH,
            Map.of(
                "requests",
                List.of(
                    request(
                        "invoice",
                        "POST",
                        "companies(" + erp.company() + ")/salesInvoices",
                        Map.of("customerId", customer)),
                    Map.of(
                        "id",
                        "line",
                        "dependsOn",
                        List.of("invoice"),
                        "method",
                        "POST",
                        "url",
                        "$invoice/salesInvoiceLines",
                        "headers",
                        Map.of("Content-Type", "application/json"),
                        "body",
                        Map.of("itemId", item, "quantity", 2)),
                    request("bad", "POST", customers(), Map.of("type", "Robot")),
                    Map.of(
                        "id",
                        "after-bad",
                        "dependsOn",
                        List.of("bad"),
                        "method",
                        "GET",
                        "url",
                        customers()))));

    assertThat(statuses(batch)).containsExactly(201, 201, 400, 424);
    String invoiceId = batch.json().at("/responses/0/body/id").asText();
    assertThat(batch.json().at("/responses/1/body/documentId").asText()).isEqualTo(invoiceId);
    assertThat(batch.json().at("/responses/3/body/error/code").asText())
        .isEqualTo("BadRequest_FailedDependency");

    Response unknown =
        api.post(
            BATCH,
            Map.of(
                "requests",
                List.of(
                    Map.of(
                        "id", "1", "dependsOn", List.of("2"), "method", "GET", "url", customers()),
                    request("2", "GET", customers(), null))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/target").asText()).isEqualTo("dependsOn");
  }

  @Test
  void moreThanOneHundredRequestsAreRefusedWhole() {
    List<Map<String, Object>> requests = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      requests.add(request("r" + i, "POST", customers(), Map.of("displayName", "Customer " + i)));
    }

    Response tooMany = api.post(BATCH, Map.of("requests", requests));

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.errorCode()).isEqualTo("BadRequest_InvalidBatch");
    assertThat(tooMany.json().at("/error/message").asText()).contains("at most 100");
    assertThat(tooMany.header("OData-Version")).isEqualTo("4.0");
    assertThat(customerNames()).isEmpty();

    Response hundred = api.post(BATCH, Map.of("requests", requests.subList(0, 100)));
    assertThat(hundred.status()).isEqualTo(200);
    assertThat(statuses(hundred)).hasSize(100).containsOnly(201);
  }

  @Test
  void innerRequestsAreCheckedAgainstTheCallersErpPermissions() {
    ApiClient reader = users.client(users.create("reader", "erp-readers"));

    Response batch =
        reader.post(
            BATCH,
            Map.of(
                "requests",
                List.of(
                    request("read", "GET", customers(), null),
                    request("write", "POST", customers(), Map.of("displayName", "Mallory")))));

    assertThat(statuses(batch)).containsExactly(200, 403);
    assertThat(batch.json().at("/responses/1/body/error/code").asText())
        .isEqualTo("Authorization_RequestDenied");
    assertThat(customerNames()).isEmpty();
  }

  @Test
  void refusesBatchesItCannotRun() {
    Response nested =
        api.post(BATCH, Map.of("requests", List.of(request("1", "POST", "$batch", Map.of()))));
    assertThat(statuses(nested)).containsExactly(400);

    Response elsewhere =
        api.post(BATCH, Map.of("requests", List.of(request("1", "GET", "/api/flows", null))));
    assertThat(statuses(elsewhere)).containsExactly(400);
    assertThat(elsewhere.json().at("/responses/0/body/error/target").asText()).isEqualTo("url");

    Response notJson = api.post(BATCH, "{\"requests\": [", "Content-Type", "application/json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.errorCode()).isEqualTo("BadRequest_InvalidBatch");

    Response xml = api.post(BATCH, "<batch/>", "Content-Type", "application/xml");
    assertThat(xml.status()).isEqualTo(415);
  }

  @Test
  void acceptsMultipartMixedWithChangeSets() {
    String base = "http://localhost:" + port + "/api/v2.0/";
    String body =
        String.join(
            "\r\n",
            "--batch_1",
            "Content-Type: multipart/mixed; boundary=changeset_1",
            "",
            "--changeset_1",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "Content-ID: 1",
            "",
            "POST " + base + customers() + " HTTP/1.1",
            "Content-Type: application/json",
            "",
            "{\"displayName\":\"Adatum\"}",
            "--changeset_1",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "Content-ID: 2",
            "",
            "PATCH $1 HTTP/1.1",
            "Content-Type: application/json",
            "If-Match: *",
            "",
            "{\"city\":\"Utrecht\"}",
            "--changeset_1--",
            "--batch_1",
            "Content-Type: multipart/mixed; boundary=changeset_2",
            "",
            "--changeset_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "Content-ID: 3",
            "",
            "POST " + customers() + " HTTP/1.1",
            "Content-Type: application/json",
            "",
            "{\"displayName\":\"Fabrikam\"}",
            "--changeset_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "Content-ID: 4",
            "",
            "POST " + customers() + " HTTP/1.1",
            "Content-Type: application/json",
            "",
            "{\"blocked\":\"Never\"}",
            "--changeset_2--",
            "--batch_1",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "GET " + customers() + "/$count HTTP/1.1",
            "",
            "",
            "--batch_1--",
            "");

    Response batch = api.post(BATCH, body, "Content-Type", "multipart/mixed; boundary=batch_1");

    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    assertThat(batch.header("Content-Type")).startsWith("multipart/mixed");
    assertThat(batch.body())
        .contains("HTTP/1.1 201 Created")
        .contains("HTTP/1.1 200 OK")
        .contains("\"city\":\"Utrecht\"")
        .contains("HTTP/1.1 400 Bad Request")
        .contains("\"target\":\"blocked\"")
        .doesNotContain("Fabrikam")
        .endsWith("--\r\n");
    assertThat(batch.body()).as("the $count").contains("\r\n\r\n1\r\n--batchresponse_");
    assertThat(customerNames()).as("the failed change set wrote nothing").containsExactly("Adatum");
  }
}
