package io.stroomlijn.erp.businesscentral.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.businesscentral.BusinessCentralApp;
import io.stroomlijn.erp.businesscentral.BusinessCentralTokens;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.TestUsers;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /api/business-central/status} and the health of the connection, as people see them.
 */
class BusinessCentralStatusTest {

  private static final String PATH = "/api/business-central/status";
  private static final String CLIENT_STATE = "status-test-client-state-" + UUID.randomUUID();

  private static BusinessCentralApp app;

  private final UUID company = UUID.randomUUID();
  private JdbcTemplate jdbc;
  private TestUsers users;

  @BeforeAll
  static void application() {
    app = BusinessCentralApp.shared();
  }

  @BeforeEach
  void aSubscribedWatchedSet() {
    jdbc = app.bean(JdbcTemplate.class);
    users = new TestUsers(app.bean(IdentityService.class), app.port());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update(
        "INSERT INTO bc_watched_set (company_id, company_name, entity_set, client_state,"
            + " subscription_id, subscription_etag, expires_at, baseline_read_at, watermark,"
            + " notifications, last_notification_at, failures, last_error, last_error_at,"
            + " created_at) VALUES (?, 'CRONUS Status', 'vendors', ?, 'statusSubscription1',"
            + " 'W/\"x\"', ?, ?, ?, 7, ?, 1, 'Business Central refused to renew', ?, ?)",
        company,
        CLIENT_STATE,
        now.plusDays(2),
        now,
        now,
        now,
        now,
        now);
  }

  @AfterEach
  void removeIt() {
    jdbc.update("DELETE FROM bc_watched_set WHERE company_id = ?", company);
    users.removeAll();
  }

  @Test
  void anAdministratorSeesTheConnectionAndEachWatchedSetButNoSecret() {
    String token = app.bean(BusinessCentralTokens.class).token();

    ApiClient.Response answer = app.admin().get(PATH);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode status = answer.json();
    assertThat(status.path("connection").path("mode").asText()).isEqualTo("webhooks and catch-up");
    assertThat(status.path("connection").path("maxSubscriptions").asInt())
        .isEqualTo(BusinessCentralApp.MAX_SUBSCRIPTIONS);
    assertThat(status.path("token").path("cached").asBoolean()).isTrue();
    assertThat(status.path("token").path("expiresAt").isTextual()).isTrue();
    assertThat(status.path("throttling").has("usedInWindow")).isTrue();
    assertThat(status.path("throttling").has("lastThrottled")).isTrue();
    assertThat(status.path("inbox").has("pending")).isTrue();
    assertThat(status.path("upkeep").path("interval").asText()).isEqualTo("PT1H");
    JsonNode vendors = null;
    for (JsonNode set : status.path("watchedSets")) {
      if (set.path("companyId").asText().equals(company.toString())) {
        vendors = set;
      }
    }
    assertThat(vendors).as(answer.body()).isNotNull();
    assertThat(vendors.path("companyName").asText()).isEqualTo("CRONUS Status");
    assertThat(vendors.path("entitySet").asText()).isEqualTo("vendors");
    assertThat(vendors.path("resource").asText())
        .isEqualTo("/api/v2.0/companies(" + company + ")/vendors");
    assertThat(vendors.path("subscription").asText()).isEqualTo("active");
    assertThat(vendors.path("subscriptionId").asText()).isEqualTo("statusSubscription1");
    assertThat(vendors.path("notifications").asLong()).isEqualTo(7);
    assertThat(vendors.path("failures").asInt()).isEqualTo(1);
    assertThat(vendors.path("lastError").asText()).isEqualTo("Business Central refused to renew");
    assertThat(vendors.path("baselineReadAt").isTextual()).isTrue();
    assertThat(vendors.has("catchUpDue")).isTrue();
    assertThat(answer.body())
        .doesNotContain(CLIENT_STATE)
        .doesNotContain(token)
        .doesNotContain(BusinessCentralApp.SECRET)
        .doesNotContainIgnoringCase("clientState")
        .doesNotContainIgnoringCase("bearer");
  }

  @Test
  void otherUsersAreRefused403AndStrangers401() {
    String user = users.create("bc-status-reader");

    ApiClient.Response asUser = users.client(user).get(PATH);
    ApiClient.Response anonymous = app.anonymous().get(PATH);

    assertThat(asUser.status()).isEqualTo(403);
    assertThat(asUser.errorCode()).isEqualTo("AdministratorRequired");
    assertThat(asUser.body()).doesNotContain("statusSubscription1");
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void theHealthShowsTheConnectionToSignedInUsersOnly() {
    ApiClient.Response admin = app.admin().get("/actuator/health");
    ApiClient.Response anonymous = app.anonymous().get("/actuator/health");

    assertThat(admin.json().path("components").path("businessCentral").path("status").asText())
        .as(admin.body())
        .isEqualTo("UP");
    assertThat(anonymous.body()).doesNotContain("businessCentral");
  }
}
