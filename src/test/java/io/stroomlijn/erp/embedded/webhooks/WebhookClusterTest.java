package io.stroomlijn.erp.embedded.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL database both run the sender; the database claim makes each
 * notification go out once, and changes made through either node are all notified.
 */
class WebhookClusterTest {

  @Test
  void twoNodesSendEachNotificationOnce() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        WebhookReceiver receiver = new WebhookReceiver()) {
      String[] database = {
        "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
        "spring.datasource.username=postgres",
        "spring.datasource.password=postgres",
        "stroomlijn.erp.webhooks.delay=PT0.5S",
        // one notification per record, however many fall into one window
        "stroomlijn.erp.webhooks.collection-threshold=1000"
      };
      try (ConfigurableApplicationContext one = StandaloneApp.start("webhookNodeOne", database);
          ConfigurableApplicationContext two = StandaloneApp.start("webhookNodeTwo", database)) {
        UUID company = one.getBean(Companies.class).create("CLUSTER", "Cluster", "test");
        String path = "/api/v2.0/companies(" + company + ")/customers";
        ApiClient first = admin(one);
        ApiClient second = admin(two);
        assertThat(
                first
                    .post(
                        "/api/v2.0/subscriptions",
                        Map.of("notificationUrl", receiver.url(), "resource", path))
                    .status())
            .isEqualTo(201);

        Set<String> created = new HashSet<>();
        for (int i = 0; i < 40; i++) {
          ApiClient node = i % 2 == 0 ? first : second;
          created.add(
              node.post(path, Map.of("displayName", "Node " + i)).json().get("id").asText());
        }

        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(receiver.receivedAt()).hasSize(40));
        await()
            .during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(receiver.received()).isEqualTo(40));
        assertThat(receiver.receivedAt().keySet())
            .allSatisfy(resource -> assertThat(created).anyMatch(resource::contains));
      }
    }
  }

  private static ApiClient admin(ConfigurableApplicationContext app) {
    return ApiClient.as(
        StandaloneApp.port(app), StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
  }
}
