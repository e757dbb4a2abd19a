package io.stroomlijn.erp.businesscentral;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code notification-url} is checked at start: a public https address of the receiver. */
class NotificationUrlSettingTest {

  private static BusinessCentralProperties with(String notificationUrl) {
    return new BusinessCentralProperties(
        "contoso",
        "production",
        "app",
        "secret",
        null,
        null,
        null,
        null,
        notificationUrl == null ? null : URI.create(notificationUrl),
        List.of(),
        5,
        6000,
        Duration.ofMinutes(5),
        6,
        200);
  }

  @Test
  void anHttpsAddressOfTheReceiverOrNoneAtAllIsAccepted() {
    assertThatCode(
            () -> with("https://flows.example.com/webhooks/business-central").requireComplete())
        .doesNotThrowAnyException();
    assertThatCode(() -> with("http://localhost:8080/webhooks/business-central").requireComplete())
        .doesNotThrowAnyException();
    assertThatCode(() -> with("http://127.0.0.1:8080/webhooks/business-central").requireComplete())
        .doesNotThrowAnyException();
    assertThatCode(() -> with(null).requireComplete()).doesNotThrowAnyException();
  }

  @Test
  void anythingElseStopsTheStartNamingTheSettingButNotItsValue() {
    for (String wrong :
        List.of(
            "http://flows.example.com/webhooks/business-central",
            "https://flows.example.com/hooks/secret-path-x",
            "https://user:pw@flows.example.com/webhooks/business-central",
            "https://flows.example.com/webhooks/business-central?key=secret-path-x",
            "/webhooks/business-central")) {
      assertThatThrownBy(() -> with(wrong).requireComplete())
          .as(wrong)
          .hasMessageContaining("stroomlijn.business-central.notification-url")
          .message()
          .doesNotContain("secret-path-x")
          .doesNotContain("pw@");
    }
  }
}
