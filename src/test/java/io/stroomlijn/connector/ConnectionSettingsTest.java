package io.stroomlijn.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stroomlijn.support.StandaloneApp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Connection settings are checked when the application starts; a bad one is named, its value (often
 * a secret) never shown.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionSettingsTest {

  static final String SECRET = "IncomingWebhook/4f1c2a/secret-sig";
  static final String WEBHOOK_WITH_TYPO =
      "https://contoso.webhook.office.com/webhookb2/" + SECRET + " x?sig=deadbeef";

  private static ConnectionsProperties teams(String webhookUrl) {
    return new ConnectionsProperties(
        null, Map.of("sales", new ConnectionsProperties.Teams(webhookUrl)), null, null);
  }

  private static ConnectionsProperties http(ConnectionsProperties.Http service) {
    return new ConnectionsProperties(null, null, null, Map.of("crm", service));
  }

  @Test
  void aMalformedWebhookUrlIsNamedByItsSettingWithoutItsValueOrACause() {
    assertThatThrownBy(() -> ConnectionSettings.check(teams(WEBHOOK_WITH_TYPO)))
        .isInstanceOf(InvalidConnectionSettingException.class)
        .hasMessageStartingWith("stroomlijn.connections.teams.sales.webhook-url is not a valid URL")
        .hasNoCause()
        .message()
        .doesNotContain(SECRET)
        .doesNotContain("contoso")
        .doesNotContain("deadbeef");
  }

  @Test
  void aWebhookUrlMustBeAnHttpUrlWithAHostAndNoUserInfo() {
    assertThatThrownBy(() -> ConnectionSettings.check(teams("ftp://contoso.test/" + SECRET)))
        .hasMessage("stroomlijn.connections.teams.sales.webhook-url must be an http or https URL");
    assertThatThrownBy(() -> ConnectionSettings.check(teams("https://me:pw@contoso.test/x")))
        .hasMessage(
            "stroomlijn.connections.teams.sales.webhook-url must not contain a user name or"
                + " password");
    assertThatThrownBy(() -> ConnectionSettings.check(teams("")))
        .hasMessage("stroomlijn.connections.teams.sales.webhook-url is required");
  }

  @Test
  void anHttpConnectionWithCredentialsNeedsABaseUrlWithoutQueryAndItsCredentials() {
    assertThatThrownBy(
            () ->
                ConnectionSettings.check(
                    http(
                        new ConnectionsProperties.Http(
                            null, "bearer", null, null, "t0ken", null, null))))
        .hasMessage("stroomlijn.connections.http.crm.base-url is required for auth bearer");
    assertThatThrownBy(
            () ->
                ConnectionSettings.check(
                    http(
                        new ConnectionsProperties.Http(
                            "https://crm.test/api?key=k3y", "none", null, null, null, null, null))))
        .hasMessageStartingWith("stroomlijn.connections.http.crm.base-url must not have a query")
        .message()
        .doesNotContain("k3y");
    assertThatThrownBy(
            () ->
                ConnectionSettings.check(
                    http(
                        new ConnectionsProperties.Http(
                            "https://crm.test/api", "bearer", null, null, " ", null, null))))
        .hasMessage("stroomlijn.connections.http.crm.token is required");
    assertThatThrownBy(
            () ->
                ConnectionSettings.check(
                    http(
                        new ConnectionsProperties.Http(
                            "https://crm.test/api", "oauth", null, null, null, null, null))))
        .hasMessage("stroomlijn.connections.http.crm.auth must be none, basic, bearer or header");
  }

  @Test
  void aNamedMailServerNeedsAHostAndAWorkbookAPath() {
    assertThatThrownBy(
            () ->
                ConnectionSettings.check(
                    new ConnectionsProperties(
                        Map.of(
                            "office",
                            new ConnectionsProperties.Smtp(null, 587, "u", "pw", true, null)),
                        null,
                        null,
                        null)))
        .hasMessage("stroomlijn.connections.smtp.office.host is required");
    assertThatThrownBy(
            () ->
                ConnectionSettings.check(
                    new ConnectionsProperties(
                        null,
                        null,
                        Map.of("orders", new ConnectionsProperties.Workbook(null)),
                        null)))
        .hasMessage("stroomlijn.connections.excel.orders.path is required");
  }

  @Test
  void acceptsWellFormedConnections() {
    ConnectionSettings.check(
        new ConnectionsProperties(
            Map.of(
                "default",
                new ConnectionsProperties.Smtp(null, null, null, null, null, "a@b.test")),
            Map.of(
                "sales",
                new ConnectionsProperties.Teams("https://contoso.webhook.office.com/webhookb2/x")),
            Map.of("orders", new ConnectionsProperties.Workbook(Path.of("orders.xlsx"))),
            Map.of(
                "crm",
                new ConnectionsProperties.Http(
                    "https://crm.test/api", "basic", "u", "pw", null, null, null))));
  }

  @Test
  void theApplicationDoesNotStartWithAMalformedWebhookUrlAndLogsNoPartOfIt(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                StandaloneApp.start(
                    "badConnectionSetting",
                    "spring.datasource.url=jdbc:h2:mem:bad-connection-setting;DB_CLOSE_DELAY=-1",
                    "stroomlijn.connections.teams.sales.webhook-url=" + WEBHOOK_WITH_TYPO))
        .rootCause()
        .hasMessageStartingWith(
            "stroomlijn.connections.teams.sales.webhook-url is not a valid URL");
    assertThat(output.getAll())
        .contains("stroomlijn.connections.teams.sales.webhook-url is not a valid URL")
        .doesNotContain(SECRET)
        .doesNotContain("deadbeef");
  }
}
