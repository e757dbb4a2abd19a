package io.stroomlijn.erp.businesscentral.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.businesscentral.BusinessCentralApp;
import io.stroomlijn.support.ApiClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiver at {@code /webhooks/business-central} as Business Central calls it: no login, the
 * handshake echoed, notifications proven by their client state, stored, answered 202.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotificationReceiverTest {

  private static final String PATH = "/webhooks/business-central";

  private static BusinessCentralApp app;

  private final UUID company = UUID.randomUUID();
  private WatchedSets sets;
  private JdbcTemplate jdbc;
  private ApiClient businessCentral;
  private WatchedSet customers;

  @BeforeAll
  static void application() {
    app = BusinessCentralApp.shared();
  }

  @BeforeEach
  void aSubscribedSet() {
    sets = app.bean(WatchedSets.class);
    jdbc = app.bean(JdbcTemplate.class);
    businessCentral = app.anonymous();
    WatchedSet.Key key = new WatchedSet.Key(company, "customers");
    sets.insert(key, "Receiver test");
    sets.subscribed(
        key,
        new Subscription(
            "sub" + company.toString().replace("-", "").substring(0, 20),
            null,
            null,
            null,
            OffsetDateTime.now(ZoneOffset.UTC).plusDays(3),
            "W/\"etag\""));
    customers = row(key);
  }

  @AfterEach
  void removeIt() {
    jdbc.update("DELETE FROM bc_notification WHERE company_id = ?", company);
    jdbc.update("DELETE FROM bc_watched_set WHERE company_id = ?", company);
  }

  @Test
  void theHandshakeEchoesTheValidationTokenAsPlainTextWithoutALogin() {
    ApiClient.Response posted = businessCentral.post(PATH + "?validationToken=abc%20123", "");
    ApiClient.Response got = businessCentral.get(PATH + "?validationToken=xyz-789");

    assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
    assertThat(posted.body()).isEqualTo("abc 123");
    assertThat(posted.header("Content-Type")).startsWith("text/plain");
    assertThat(posted.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).isEqualTo("xyz-789");
  }

  @Test
  void aValidationTokenLongerThanAThousandCharactersIsRefused() {
    ApiClient.Response answer =
        businessCentral.post(PATH + "?validationToken=" + "a".repeat(1001), "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("error").path("target").asText()).isEqualTo("validationToken");
  }

  @Test
  void notificationsOfAWatchedSetAreStoredAndAnswered202() {
    String record = "companies(" + company + ")/customers(" + UUID.randomUUID() + ")";
    ApiClient.Response answer =
        businessCentral.post(
            PATH,
            body(
                notification(customers, "api/v2.0/" + record, "created"),
                notification(customers, "/api/v2.0/" + record, "updated"),
                notification(
                    customers,
                    "https://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0/"
                        + "companies("
                        + company
                        + ")/customers?$filter=lastModifiedDateTime%20gt%202026-11-29T10:00:00Z",
                    "collection")));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    List<Map<String, Object>> stored =
        jdbc.queryForList(
            "SELECT entity_set, change_type, resource, last_modified FROM bc_notification"
                + " WHERE company_id = ? ORDER BY id",
            company);
    assertThat(stored)
        .extracting(row -> row.get("CHANGE_TYPE"))
        .containsExactly("created", "updated", "collection");
    assertThat(stored).extracting(row -> row.get("ENTITY_SET")).containsOnly("customers");
    assertThat(stored.get(0).get("RESOURCE")).isEqualTo("api/v2.0/" + record);
    assertThat(stored.get(0).get("LAST_MODIFIED")).isNotNull();
    WatchedSet after = row(customers.key());
    assertThat(after.notifications()).isEqualTo(3);
    assertThat(after.lastNotificationAt()).isNotNull();
  }

  @Test
  void aWrongClientStateIsRefused401LoggedWithoutItAndNothingOfTheRequestIsStored(
      CapturedOutput output) {
    String resource = "api/v2.0/companies(" + company + ")/customers(" + UUID.randomUUID() + ")";
    Map<String, Object> forged = notification(customers, resource, "updated");
    forged.put("clientState", "forged-client-state-value");
    forged.put("subscriptionId", "forgedSubscription42");

    ApiClient.Response answer =
        businessCentral.post(PATH, body(notification(customers, resource, "created"), forged));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
    assertThat(answer.errorCode()).isEqualTo("Unauthorized_ClientState");
    assertThat(storedForCompany()).isZero();
    assertThat(row(customers.key()).notifications()).isZero();
    assertThat(output.getOut())
        .contains("forgedSubscription42")
        .contains(resource)
        .doesNotContain("forged-client-state-value")
        .doesNotContain(customers.clientState());
  }

  @Test
  void aNotificationWithoutClientStateOrOfAnotherSubscriptionOrResourceIsRefused401() {
    String resource = "api/v2.0/companies(" + company + ")/customers(" + UUID.randomUUID() + ")";
    Map<String, Object> noState = notification(customers, resource, "created");
    noState.remove("clientState");
    Map<String, Object> otherSubscription = notification(customers, resource, "created");
    otherSubscription.put("subscriptionId", "someOtherSubscription");
    Map<String, Object> otherSet =
        notification(
            customers,
            "api/v2.0/companies(" + company + ")/vendors(" + UUID.randomUUID() + ")",
            "created");
    Map<String, Object> otherCompany =
        notification(
            customers,
            "api/v2.0/companies(" + UUID.randomUUID() + ")/customers(" + UUID.randomUUID() + ")",
            "created");

    for (Map<String, Object> refused :
        List.of(noState, otherSubscription, otherSet, otherCompany)) {
      ApiClient.Response answer = businessCentral.post(PATH, body(refused));
      assertThat(answer.status()).as(refused + " -> " + answer).isEqualTo(401);
    }
    assertThat(storedForCompany()).isZero();
  }

  @Test
  void malformedNotificationsAreRefused400NamingWhatIsWrongAndNothingIsStored() {
    String resource = "api/v2.0/companies(" + company + ")/customers(" + UUID.randomUUID() + ")";
    Map<String, Object> renamed = notification(customers, resource, "renamed");
    Map<String, Object> noResource = notification(customers, "customers please", "created");
    Map<String, Object> badTime = notification(customers, resource, "created");
    badTime.put("lastModifiedDateTime", "yesterday");

    assertThat(businessCentral.post(PATH, "not json").status()).isEqualTo(400);
    assertThat(target(businessCentral.post(PATH, "{\"value\": 5}"))).isEqualTo("value");
    assertThat(
            target(
                businessCentral.post(
                    PATH, body(notification(customers, resource, "created"), renamed))))
        .isEqualTo("value[1].changeType");
    assertThat(target(businessCentral.post(PATH, body(noResource)))).isEqualTo("value[0].resource");
    assertThat(target(businessCentral.post(PATH, body(badTime))))
        .isEqualTo("value[0].lastModifiedDateTime");
    assertThat(storedForCompany()).isZero();
  }

  @Test
  void storedNotificationsWakeTheInboxReaders() {
    AtomicInteger told = new AtomicInteger();
    DefaultListableBeanFactory beans =
        (DefaultListableBeanFactory) app.context().getAutowireCapableBeanFactory();
    beans.registerSingleton("testInboxReader", (NotificationsStored) told::addAndGet);
    try {
      String resource = "api/v2.0/companies(" + company + ")/customers(" + UUID.randomUUID() + ")";
      ApiClient.Response answer =
          businessCentral.post(
              PATH,
              body(
                  notification(customers, resource, "created"),
                  notification(customers, resource, "updated")));

      assertThat(answer.status()).isEqualTo(202);
      assertThat(told.get()).isEqualTo(2);
    } finally {
      beans.destroySingleton("testInboxReader");
    }
  }

  /**
   * A database that cannot be reached is our fault and passing: 503, which Business Central
   * retries, where a 4xx would make it delete the subscription.
   */
  @Test
  void whenTheDatabaseCannotBeReachedTheAnswerIs503SoThatBusinessCentralRetries() throws Exception {
    DriverManagerDataSource unreachable =
        new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here");
    JdbcTemplate broken = new JdbcTemplate(unreachable);
    NotificationReceiver receiver =
        new NotificationReceiver(
            new WatchedSets(broken),
            new NotificationInbox(broken),
            new TransactionTemplate(new DataSourceTransactionManager(unreachable)),
            new StaticListableBeanFactory().getBeanProvider(NotificationsStored.class),
            new ObjectMapper());
    MockHttpServletRequest request = new MockHttpServletRequest("POST", PATH);
    request.setContent(
        new ObjectMapper()
            .writeValueAsBytes(
                body(
                    notification(
                        customers,
                        "api/v2.0/companies(" + company + ")/customers(" + UUID.randomUUID() + ")",
                        "created"))));

    assertThat(receiver.notifications(request).getStatusCode().value()).isEqualTo(503);
  }

  private static Map<String, Object> notification(
      WatchedSet set, String resource, String changeType) {
    Map<String, Object> notification = new LinkedHashMap<>();
    notification.put("subscriptionId", set.subscriptionId());
    notification.put("clientState", set.clientState());
    notification.put("expirationDateTime", "2026-12-02T10:00:00Z");
    notification.put("resource", resource);
    notification.put("changeType", changeType);
    notification.put("lastModifiedDateTime", "2026-11-29T10:00:01.123Z");
    return notification;
  }

  @SafeVarargs
  private static Map<String, Object> body(Map<String, Object>... notifications) {
    return Map.of("value", new ArrayList<>(List.of(notifications)));
  }

  private static String target(ApiClient.Response answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    return answer.json().path("error").path("target").asText();
  }

  private long storedForCompany() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM bc_notification WHERE company_id = ?", Long.class, company);
  }

  private WatchedSet row(WatchedSet.Key key) {
    return sets.all().stream().filter(set -> set.key().equals(key)).findFirst().orElseThrow();
  }
}
