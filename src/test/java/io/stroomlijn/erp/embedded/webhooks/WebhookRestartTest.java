package io.stroomlijn.erp.embedded.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Notifications waiting in the outbox when the application stops are sent after its restart. */
class WebhookRestartTest {

  @TempDir Path data;

  private ConfigurableApplicationContext start() {
    return StandaloneApp.start(
        "webhookRestartTest",
        "spring.datasource.url=jdbc:h2:file:"
            + data.resolve("stroomlijn")
            + ";DB_CLOSE_ON_EXIT=FALSE",
        // Long enough that the first application stops before the window closes.
        "stroomlijn.erp.webhooks.delay=PT8S");
  }

  @Test
  void changesNotYetNotifiedAtAStopAreNotifiedAfterTheRestart() {
    Set<String> customers = new HashSet<>();
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      try (ConfigurableApplicationContext first = start()) {
        UUID company = first.getBean(Companies.class).create("RESTART", "Restart", "test");
        ApiClient api = admin(first);
        String path = "/api/v2.0/companies(" + company + ")/customers";
        ApiClient.Response subscribed =
            api.post(
                "/api/v2.0/subscriptions",
                Map.of("notificationUrl", receiver.url(), "resource", path));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
          customers.add(
              api.post(path, Map.of("displayName", "Survivor " + i)).json().get("id").asText());
        }
      }
      assertThat(receiver.notifications()).as("nothing was sent before the stop").isEmpty();

      try (ConfigurableApplicationContext second = start()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(receiver.notifications()).hasSize(3));
        assertThat(receiver.notifications())
            .extracting(n -> n.get("changeType").asText())
            .containsOnly("created");
        assertThat(receiver.notifications())
            .extracting(WebhookRestartTest::recordId)
            .containsExactlyInAnyOrderElementsOf(customers);
      }
    }
  }

  private static String recordId(JsonNode notification) {
    String resource = notification.get("resource").asText();
    return resource.substring(resource.lastIndexOf('(') + 1, resource.length() - 1);
  }

  private static ApiClient admin(ConfigurableApplicationContext app) {
    return ApiClient.as(
        StandaloneApp.port(app), StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
  }
}
