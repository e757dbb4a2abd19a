package io.stroomlijn.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stroomlijn.connector.ConnectionsProperties;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which URLs a connection's credentials may go to: its own origin and below its base path. */
class HttpServicesTest {

  final HttpServices services =
      new HttpServices(
          new ConnectionsProperties(
              Map.of(),
              Map.of(),
              Map.of(),
              Map.of(
                  "local", bearer("http://127.0.0.1"),
                  "crm", bearer("https://crm.example.com"),
                  "api", bearer("http://localhost:18089/crm"))));

  private static ConnectionsProperties.Http bearer(String baseUrl) {
    return new ConnectionsProperties.Http(baseUrl, "bearer", null, null, "t0ken", null, null);
  }

  @ParameterizedTest
  @CsvSource({
    "local, http://127.0.0.1:18197/x",
    "local, https://127.0.0.1/x",
    "crm, https://crm.example.com.attacker.net/",
    "crm, https://crm.example.com@attacker.net/",
    "crm, https://user@crm.example.com/",
    "crm, http://crm.example.com/",
    "crm, https://crm.example.com:8443/",
    "api, http://localhost:18089/crmx",
    "api, http://localhost:18089/",
    "api, http://localhost:18089/crm/../admin",
    "api, http://localhost:18089/crm/%2e%2e/admin",
    "api, http://localhost:18089/crm%2F..%2Fadmin",
    "api, ../admin",
    "api, accounts/../../admin",
  })
  void refusesUrlsOutsideTheConnectionsOriginAndBasePath(String connection, String url) {
    assertThatThrownBy(() -> services.resolve(connection, url))
        .hasMessageContaining("is outside connection '" + connection + "'")
        .message()
        .doesNotContain("t0ken");
  }

  @ParameterizedTest
  @CsvSource({
    "local, http://127.0.0.1/x, http://127.0.0.1/x",
    "local, http://127.0.0.1:80/x, http://127.0.0.1:80/x",
    "crm, https://CRM.example.com:443/a?b=c, https://CRM.example.com:443/a?b=c",
    "crm, accounts/1, https://crm.example.com/accounts/1",
    "api, http://localhost:18089/crm, http://localhost:18089/crm",
    "api, http://localhost:18089/crm/accounts, http://localhost:18089/crm/accounts",
    "api, /accounts/1, http://localhost:18089/crm/accounts/1",
    "api, accounts/./1, http://localhost:18089/crm/accounts/1",
  })
  void admitsUrlsOfTheConnectionsOriginAtOrBelowItsBasePath(
      String connection, String url, String resolved) {
    assertThat(services.resolve(connection, url)).hasToString(resolved);
  }
}
