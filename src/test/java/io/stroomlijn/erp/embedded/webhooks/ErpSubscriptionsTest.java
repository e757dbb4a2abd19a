package io.stroomlijn.erp.embedded.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Business Central's webhook subscriptions on the embedded ERP, against a real receiver: the
 * handshake, notifications after commit (gathered for the test profile's 2 s delay, merged per
 * record, a collection above 5 records), retries, deletion on a refusal, renewal, https and
 * permissions.
 */
@StroomlijnTest
class ErpSubscriptionsTest {

  private static final String SUBSCRIPTIONS = "/api/v2.0/subscriptions";
  private static final Duration NOTIFIED = Duration.ofSeconds(20);

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired EmbeddedErp erp;
  @Autowired TransactionTemplate transaction;
  @Autowired IdentityService identity;

  private ErpFixture company;
  private ApiClient api;
  private WebhookReceiver receiver;
  private TestUsers users;

  @BeforeEach
  void setUp() {
    company = ErpFixture.newCompany(companies, port);
    api = company.api();
    receiver = new WebhookReceiver();
    users = new TestUsers(identity, port);
  }

  @AfterEach
  void tearDown() {
    api.get(SUBSCRIPTIONS)
        .json()
        .get("value")
        .forEach(s -> api.delete(SUBSCRIPTIONS + "(" + s.get("subscriptionId").asText() + ")"));
    receiver.close();
    users.removeAll();
  }

  @Test
  void createsASubscriptionOnlyAfterTheHandshake() {
    Response created =
        api.post(
            SUBSCRIPTIONS,
            Map.of(
                "notificationUrl", receiver.url(),
                "resource", company.path("customers"),
                "clientState", "shared-secret"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(receiver.handshakes()).hasSize(1);
    JsonNode body = created.json();
    assertThat(body.get("subscriptionId").asText()).matches("[0-9a-f]{32}");
    assertThat(body.get("@odata.etag").asText()).startsWith("W/\"");
    assertThat(created.header("ETag")).isEqualTo(body.get("@odata.etag").asText());
    assertThat(body.get("notificationUrl").asText()).isEqualTo(receiver.url());
    assertThat(body.get("resource").asText()).isEqualTo(company.path("customers"));
    assertThat(body.get("clientState").asText()).isEqualTo("shared-secret");
    assertThat(OffsetDateTime.parse(body.get("expirationDateTime").asText()))
        .isBetween(
            OffsetDateTime.now().plusDays(3).minusMinutes(1),
            OffsetDateTime.now().plusDays(3).plusMinutes(1));

    String id = body.get("subscriptionId").asText();
    assertThat(api.get(SUBSCRIPTIONS).json().get("value"))
        .extracting(s -> s.get("subscriptionId").asText())
        .contains(id);
    assertThat(api.get(SUBSCRIPTIONS + "('" + id + "')").json().get("subscriptionId").asText())
        .isEqualTo(id);
    assertThat(api.get(SUBSCRIPTIONS + "(" + id + ")").status()).isEqualTo(200);
    assertThat(api.delete(SUBSCRIPTIONS + "(" + id + ")").status()).isEqualTo(204);
    assertThat(api.get(SUBSCRIPTIONS + "(" + id + ")").status()).isEqualTo(404);
  }

  @Test
  void acceptsTheResourceWithoutItsLeadingSlash() {
    Response created =
        api.post(
            SUBSCRIPTIONS,
            Map.of(
                "notificationUrl",
                receiver.url(),
                "resource",
                "api/v2.0/companies(" + company.company() + ")/vendors"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  @Test
  void aFailedHandshakeIsABadRequestAndCreatesNothing() {
    receiver.refuseHandshakes();

    Response refused =
        api.post(
            SUBSCRIPTIONS,
            Map.of("notificationUrl", receiver.url(), "resource", company.path("customers")),
            "Accept",
            "application/xml");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/target").asText()).isEqualTo("notificationUrl");
    assertThat(refused.json().at("/error/message").asText()).contains("handshake");
    assertThat(api.get(SUBSCRIPTIONS).json().get("value")).isEmpty();
  }

  @Test
  void notifiesCreatedUpdatedAndDeletedAfterCommit() {
    String id = subscribe("customers", "client-state-1");

    String customer =
        company.create("customers", Map.of("displayName", "Adatum")).get("id").asText();
    JsonNode created = awaitNotification(0);
    assertThat(created.get("subscriptionId").asText()).isEqualTo(id);
    assertThat(created.get("clientState").asText()).isEqualTo("client-state-1");
    assertThat(created.get("changeType").asText()).isEqualTo("created");
    assertThat(created.get("resource").asText())
        .isEqualTo("api/v2.0/companies(" + company.company() + ")/customers(" + customer + ")");
    assertThat(created.get("expirationDateTime").asText()).isNotEmpty();
    assertThat(created.get("lastModifiedDateTime").asText()).isNotEmpty();

    JsonNode read = company.read("customers", customer);
    api.patch(
        company.path("customers", customer),
        Map.of("city", "Utrecht"),
        "If-Match",
        read.get("@odata.etag").asText());
    assertThat(awaitNotification(1).get("changeType").asText()).isEqualTo("updated");

    api.delete(company.path("customers", customer), "If-Match", "*");
    assertThat(awaitNotification(2).get("changeType").asText()).isEqualTo("deleted");
  }

  @Test
  void repeatedChangesOfOneRecordWithinTheDelayMerge() {
    subscribe("customers", "");

    String customer =
        company.create("customers", Map.of("displayName", "Fabrikam")).get("id").asText();
    api.patch(company.path("customers", customer), Map.of("city", "Delft"), "If-Match", "*");
    api.patch(company.path("customers", customer), Map.of("city", "Gouda"), "If-Match", "*");

    await().atMost(NOTIFIED).untilAsserted(() -> assertThat(receiver.notifications()).isNotEmpty());
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(receiver.notifications()).hasSize(1));
    assertThat(receiver.notifications().get(0).get("changeType").asText()).isEqualTo("created");
  }

  @Test
  void aChangeToADocumentLineNotifiesItsDocument() {
    String customer =
        company.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    String item = company.item("Bike", "100").get("id").asText();
    String invoice = company.draftSalesInvoice(customer);
    subscribe("salesInvoices", "");

    company.addSalesInvoiceLine(invoice, item, 2);

    JsonNode notification = awaitNotification(0);
    assertThat(notification.get("changeType").asText()).isEqualTo("updated");
    assertThat(notification.get("resource").asText())
        .isEqualTo("api/v2.0/companies(" + company.company() + ")/salesInvoices(" + invoice + ")");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(receiver.notifications()).hasSize(1));
  }

  @Test
  void moreChangedRecordsThanTheThresholdInOneWindowGiveOneCollection() {
    subscribe("customers", "");

    transaction.executeWithoutResult(
        status -> {
          for (int i = 0; i < 7; i++) {
            erp.create(company.company(), "customers", Map.of("displayName", "Bulk " + i), "test");
          }
        });

    JsonNode collection = awaitNotification(0);
    assertThat(collection.get("changeType").asText()).isEqualTo("collection");
    String resource = collection.get("resource").asText();
    assertThat(resource)
        .startsWith(company.path("customers") + "?$filter=lastModifiedDateTime%20ge%20");
    assertThat(api.get(resource).json().get("value")).hasSize(7);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(receiver.notifications()).hasSize(1));
  }

  @Test
  void retriesA503UntilTheReceiverTakesIt() {
    subscribe("customers", "");
    receiver.answer(503, 503);

    company.create("customers", Map.of("displayName", "Retry BV"));

    assertThat(awaitNotification(0).get("changeType").asText()).isEqualTo("created");
    assertThat(receiver.attempts()).isEqualTo(3);
  }

  @Test
  void aReceiverThatAnswers410LosesItsSubscription() {
    String id = subscribe("customers", "");
    receiver.answer(410);

    company.create("customers", Map.of("displayName", "Gone BV"));

    await()
        .atMost(NOTIFIED)
        .untilAsserted(
            () -> assertThat(api.get(SUBSCRIPTIONS + "(" + id + ")").status()).isEqualTo(404));
    assertThat(receiver.attempts()).isEqualTo(1);
    assertThat(receiver.notifications()).isEmpty();
  }

  @Test
  void renewalNeedsIfMatchAndRepeatsTheHandshake() {
    String id = subscribe("customers", "");
    JsonNode before = api.get(SUBSCRIPTIONS + "(" + id + ")").json();
    String one = SUBSCRIPTIONS + "(" + id + ")";

    Response withoutIfMatch = api.patch(one, Map.of("clientState", "renewed"));
    assertThat(withoutIfMatch.status()).isEqualTo(428);
    assertThat(withoutIfMatch.json().at("/error/target").asText()).isEqualTo("If-Match");
    Response stale = api.patch(one, Map.of(), "If-Match", "W/\"c3RhbGU=\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(receiver.handshakes()).hasSize(1);

    Response renewed =
        api.patch(
            one, Map.of("clientState", "renewed"), "If-Match", before.get("@odata.etag").asText());

    assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
    assertThat(receiver.handshakes()).hasSize(2);
    assertThat(renewed.json().get("clientState").asText()).isEqualTo("renewed");
    assertThat(renewed.json().get("@odata.etag").asText())
        .isNotEqualTo(before.get("@odata.etag").asText());
    assertThat(OffsetDateTime.parse(renewed.json().get("expirationDateTime").asText()))
        .isAfter(OffsetDateTime.parse(before.get("expirationDateTime").asText()));

    receiver.refuseHandshakes();
    Response refused = api.patch(one, Map.of(), "If-Match", "*");
    assertThat(refused.status()).isEqualTo(400);
  }

  @Test
  void notificationUrlsMustBeHttpsExceptOnLoopback() {
    for (String url :
        List.of("http://example.test/hook", "ftp://localhost/hook", "http://10.0.0.1/hook")) {
      Response refused =
          api.post(
              SUBSCRIPTIONS, Map.of("notificationUrl", url, "resource", company.path("items")));
      assertThat(refused.status()).as(url).isEqualTo(400);
      assertThat(refused.json().at("/error/target").asText()).isEqualTo("notificationUrl");
    }
    assertThat(receiver.handshakes()).isEmpty();
  }

  @Test
  void aUserWithoutReadPermissionOnTheCompanyCannotSubscribe() {
    ApiClient nobody = users.client(users.create("nobody"));

    Response refused =
        nobody.post(
            SUBSCRIPTIONS,
            Map.of("notificationUrl", receiver.url(), "resource", company.path("customers")));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("Authorization_RequestDenied");
    assertThat(receiver.handshakes()).isEmpty();

    ApiClient reader = users.client(users.create("reader", "erp-readers"));
    Response allowed =
        reader.post(
            SUBSCRIPTIONS,
            Map.of("notificationUrl", receiver.url(), "resource", company.path("customers")));
    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
    assertThat(nobody.get(SUBSCRIPTIONS).json().get("value")).isEmpty();
    String id = allowed.json().get("subscriptionId").asText();
    assertThat(nobody.get(SUBSCRIPTIONS + "(" + id + ")").status()).isEqualTo(404);
  }

  @Test
  void refusesUnknownPropertiesAndResourcesNamingTheField() {
    Response unknown =
        api.post(
            SUBSCRIPTIONS,
            Map.of(
                "notificationUrl",
                receiver.url(),
                "resource",
                company.path("customers"),
                "colour",
                "red"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/target").asText()).isEqualTo("colour");

    Response lines =
        api.post(
            SUBSCRIPTIONS,
            Map.of(
                "notificationUrl", receiver.url(), "resource", company.path("salesInvoiceLines")));
    assertThat(lines.status()).isEqualTo(400);
    assertThat(lines.json().at("/error/target").asText()).isEqualTo("resource");
  }

  private String subscribe(String entitySet, String clientState) {
    Response created =
        api.post(
            SUBSCRIPTIONS,
            Map.of(
                "notificationUrl",
                receiver.url(),
                "resource",
                company.path(entitySet),
                "clientState",
                clientState));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("subscriptionId").asText();
  }

  private JsonNode awaitNotification(int index) {
    await()
        .atMost(NOTIFIED)
        .untilAsserted(() -> assertThat(receiver.notifications()).hasSizeGreaterThan(index));
    return receiver.notifications().get(index);
  }
}
