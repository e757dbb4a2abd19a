package io.stroomlijn.erp.businesscentral;

import io.stroomlijn.erp.events.RecordEventRelay;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The Business Central connection, made only with {@code
 * stroomlijn.erp.connector=business-central}: {@link BusinessCentralErp} is then the application's
 * {@link io.stroomlijn.erp.ErpConnector} (primary over the embedded ERP, whose store remains for
 * approvals but whose API and demo company are off, see {@code ConditionalOnEmbeddedErp}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBusinessCentral
public class BusinessCentralConfiguration {

  /** The bean name of the Business Central connector. */
  public static final String ERP_BEAN = "businessCentralErp";

  // One client for the API and the token endpoint; not a bean, so nothing else picks it up.
  private final HttpClient client = newHttpClient();

  @Bean
  BusinessCentralTokens businessCentralTokens(BusinessCentralProperties properties) {
    properties.requireComplete();
    return new BusinessCentralTokens(properties, client, Clock.systemUTC());
  }

  @Bean
  BusinessCentralHttp businessCentralHttp(
      BusinessCentralProperties properties, BusinessCentralTokens businessCentralTokens) {
    return new BusinessCentralHttp(properties, businessCentralTokens, client);
  }

  @Bean(name = ERP_BEAN)
  @Primary
  BusinessCentralErp businessCentralErp(
      BusinessCentralProperties properties,
      BusinessCentralHttp businessCentralHttp,
      RecordEventRelay relay) {
    return new BusinessCentralErp(properties, businessCentralHttp, relay);
  }

  /** The client for Business Central and its token endpoint: redirects are never followed. */
  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
