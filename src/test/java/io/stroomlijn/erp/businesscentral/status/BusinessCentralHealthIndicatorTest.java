package io.stroomlijn.erp.businesscentral.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.businesscentral.BusinessCentralConfiguration;
import io.stroomlijn.erp.businesscentral.BusinessCentralDouble;
import io.stroomlijn.erp.businesscentral.BusinessCentralHttp;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.BusinessCentralTokens;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The {@code businessCentral} health check against a Business Central double. */
class BusinessCentralHealthIndicatorTest {

  private static final String SECRET = "health-test-secret-value";

  private final BusinessCentralDouble bc = new BusinessCentralDouble();

  @AfterEach
  void stop() {
    bc.close();
  }

  private BusinessCentralHealthIndicator indicator() {
    BusinessCentralProperties properties =
        new BusinessCentralProperties(
            BusinessCentralDouble.TENANT,
            "production",
            "app-id",
            SECRET,
            bc.apiUrl(),
            bc.tokenUrl(),
            null,
            null,
            null,
            List.of(),
            5,
            6000,
            Duration.ofMinutes(5),
            2,
            200);
    HttpClient client = BusinessCentralConfiguration.newHttpClient();
    BusinessCentralTokens tokens = new BusinessCentralTokens(properties, client, Clock.systemUTC());
    return new BusinessCentralHealthIndicator(
        properties, tokens, new BusinessCentralHttp(properties, tokens, client));
  }

  @Test
  void upWhenATokenCanBeHadAndTheApiAnswersAndAskedAgainOnlyAfterThirtySeconds() {
    BusinessCentralHealthIndicator indicator = indicator();

    Health first = indicator.health();
    Health second = indicator.health();

    assertThat(first.getStatus()).isEqualTo(Status.UP);
    assertThat(second.getStatus()).isEqualTo(Status.UP);
    assertThat(bc.requests("GET", "/companies")).hasSize(1);
  }

  @Test
  void downNamingTheSettingsAndTheEntraCodeWhenTheTokenIsRefusedButNeverTheSecret() {
    bc.refuseTokens(true);

    Health health = indicator().health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(String.valueOf(health.getDetails().get("reason")))
        .contains("AADSTS7000215")
        .contains("stroomlijn.business-central.client-secret")
        .doesNotContain(SECRET);
    assertThat(bc.requests("GET", "/companies")).isEmpty();
  }

  @Test
  void downWithTheStatusAndCodeWhenBusinessCentralRefusesTheApp() {
    bc.companiesStatus(403);

    Health health = indicator().health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(String.valueOf(health.getDetails().get("reason")))
        .contains("HTTP 403")
        .contains("Authorization_NoPermission")
        .contains("Microsoft Entra applications");
  }
}
