package io.stroomlijn.erp.businesscentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the Business Central connector exists, and what its settings derive and hide. */
class BusinessCentralConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(Settings.class, BusinessCentralConfiguration.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(BusinessCentralProperties.class)
  static class Settings {}

  /**
   * Stands in for the embedded ERP, for a feature that injects the port by type, and for the relay
   * (never started here: no listener is added).
   */
  @Configuration(proxyBeanMethods = false)
  static class EmbeddedErpAndAUser {
    @Bean
    ErpConnector embeddedErp() {
      return Mockito.mock(ErpConnector.class);
    }

    @Bean
    ErpUser erpUser(ErpConnector erp) {
      return new ErpUser(erp);
    }

    @Bean
    RecordEventRelay recordEventRelay() {
      return new RecordEventRelay(null, null);
    }
  }

  record ErpUser(ErpConnector erp) {}

  @Test
  void withoutTheBusinessCentralSettingNothingOfItIsCreated() {
    context.run(
        started -> {
          assertThat(started).doesNotHaveBean(BusinessCentralErp.class);
          assertThat(started).doesNotHaveBean(BusinessCentralTokens.class);
        });
  }

  @Test
  void withItTheConnectorIsTheErpInjectedByType() {
    context
        .withPropertyValues(
            "stroomlijn.erp.connector=business-central",
            "stroomlijn.business-central.tenant-id=contoso",
            "stroomlijn.business-central.environment=production",
            "stroomlijn.business-central.client-id=app",
            "stroomlijn.business-central.client-secret=secret")
        .withUserConfiguration(EmbeddedErpAndAUser.class)
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              assertThat(started.getBean(BusinessCentralConfiguration.ERP_BEAN))
                  .isInstanceOf(BusinessCentralErp.class);
              assertThat(started.getBean(ErpUser.class).erp())
                  .isSameAs(started.getBean(BusinessCentralConfiguration.ERP_BEAN));
            });
  }

  @Test
  void aMissingSettingStopsTheStartNamingTheSettingNotAValue() {
    context
        .withPropertyValues(
            "stroomlijn.erp.connector=business-central",
            "stroomlijn.business-central.environment=production",
            "stroomlijn.business-central.client-secret=very-secret")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("stroomlijn.business-central.tenant-id")
                    .hasMessageContaining("stroomlijn.business-central.client-id")
                    .message()
                    .doesNotContain("very-secret"));
  }

  @Test
  void addressesDeriveFromTenantAndEnvironmentAndTheSecretIsNeverShown() {
    BusinessCentralProperties properties =
        new BusinessCentralProperties(
            "contoso",
            "production",
            "app",
            "very-secret",
            null,
            null,
            null,
            null,
            null,
            null,
            5,
            6000,
            Duration.ofMinutes(5),
            6,
            200);

    assertThat(properties.apiUrl())
        .isEqualTo(
            URI.create(
                "https://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0"));
    assertThat(properties.tokenUrl())
        .isEqualTo(URI.create("https://login.microsoftonline.com/contoso/oauth2/v2.0/token"));
    assertThat(properties.webClientUrl())
        .isEqualTo(URI.create("https://businesscentral.dynamics.com/contoso/production/"));
    assertThat(properties.scope()).isEqualTo("https://api.businesscentral.dynamics.com/.default");
    assertThat(properties.companies()).isEqualTo(List.of());
    assertThat(properties.toString()).doesNotContain("very-secret").contains("clientSecret=(set)");
    assertThatThrownBy(
            () ->
                new BusinessCentralProperties(
                        "contoso",
                        "production",
                        "app",
                        "s",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        6000,
                        Duration.ofMinutes(5),
                        6,
                        200)
                    .requireComplete())
        .hasMessageContaining("max-concurrent-requests");
  }
}
