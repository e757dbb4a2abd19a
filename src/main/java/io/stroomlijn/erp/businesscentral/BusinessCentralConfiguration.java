package io.stroomlijn.erp.businesscentral;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Business Central connection, made only with {@code
 * stroomlijn.erp.connector=business-central}.
 *
 * <p>Not yet the application's {@link io.stroomlijn.erp.ErpConnector}: the embedded ERP's beans are
 * unconditional, and record events from Business Central (webhooks, catch-up) do not exist yet, so
 * {@link BusinessCentralErp} is registered under the name {@value #ERP_BEAN} and is no candidate
 * for injection by type. Making it the port is a later step of issue 17.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stroomlijn.erp.connector", havingValue = "business-central")
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

  @Bean(name = ERP_BEAN, autowireCandidate = false)
  BusinessCentralErp businessCentralErp(
      BusinessCentralProperties properties, BusinessCentralHttp businessCentralHttp) {
    return new BusinessCentralErp(properties, businessCentralHttp);
  }

  /** The client for Business Central and its token endpoint: redirects are never followed. */
  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
