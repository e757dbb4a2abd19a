package io.stroomlijn.erp.businesscentral;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The connection to a Business Central online tenant, used with {@code
 * stroomlijn.erp.connector=business-central}. Addresses left out are derived from the tenant and
 * environment as Business Central online has them.
 *
 * @param tenantId the Microsoft Entra tenant (directory) id or domain
 * @param environment the Business Central environment, such as {@code production}
 * @param clientId the application (client) id of the Entra app registered in Business Central
 * @param clientSecret that app's client secret; never logged or shown
 * @param apiUrl the API v2.0 root, {@code
 *     https://api.businesscentral.dynamics.com/v2.0/{tenant-id}/{environment}/api/v2.0} by default
 * @param tokenUrl the OAuth2 token endpoint, {@code
 *     https://login.microsoftonline.com/{tenant-id}/oauth2/v2.0/token} by default
 * @param scope the OAuth2 scope asked for, {@code
 *     https://api.businesscentral.dynamics.com/.default} by default
 * @param webClientUrl the web client that record links open, {@code
 *     https://businesscentral.dynamics.com/{tenant-id}/{environment}/} by default
 * @param notificationUrl the public address at which Business Central reaches Stroomlijn's webhook
 *     receiver, ending in {@code /webhooks/business-central}
 * @param companies names or ids of the companies to watch; empty means all
 * @param maxConcurrentRequests most requests in flight at a time (Business Central online: 5)
 * @param maxRequestsPerWindow most requests started within one {@code window} (online: 6,000)
 * @param window the sliding window of {@code max-requests-per-window} (online: 5 minutes)
 * @param maxAttempts attempts of one request answered 429, 503 or 504 before it fails
 */
@ConfigurationProperties("stroomlijn.business-central")
public record BusinessCentralProperties(
    String tenantId,
    String environment,
    String clientId,
    String clientSecret,
    URI apiUrl,
    URI tokenUrl,
    @DefaultValue("https://api.businesscentral.dynamics.com/.default") String scope,
    URI webClientUrl,
    URI notificationUrl,
    List<String> companies,
    @DefaultValue("5") int maxConcurrentRequests,
    @DefaultValue("6000") int maxRequestsPerWindow,
    @DefaultValue("PT5M") Duration window,
    @DefaultValue("6") int maxAttempts) {

  /** The prefix of these settings, for messages that name one. */
  public static final String PREFIX = "stroomlijn.business-central.";

  public BusinessCentralProperties {
    companies = companies == null ? List.of() : List.copyOf(companies);
    if (scope == null || scope.isBlank()) {
      scope = "https://api.businesscentral.dynamics.com/.default";
    }
    if (window == null) {
      window = Duration.ofMinutes(5);
    }
    boolean located = present(tenantId) && present(environment);
    if (apiUrl == null && located) {
      apiUrl =
          URI.create(
              "https://api.businesscentral.dynamics.com/v2.0/"
                  + tenantId.strip()
                  + "/"
                  + environment.strip()
                  + "/api/v2.0");
    }
    if (tokenUrl == null && present(tenantId)) {
      tokenUrl =
          URI.create(
              "https://login.microsoftonline.com/" + tenantId.strip() + "/oauth2/v2.0/token");
    }
    if (webClientUrl == null && located) {
      webClientUrl =
          URI.create(
              "https://businesscentral.dynamics.com/"
                  + tenantId.strip()
                  + "/"
                  + environment.strip()
                  + "/");
    }
  }

  /**
   * Checks that the connection can be made, naming every missing or unusable setting (never a
   * value).
   */
  public void requireComplete() {
    Set<String> missing = new LinkedHashSet<>();
    if ((apiUrl == null || webClientUrl == null || tokenUrl == null) && !present(tenantId)) {
      missing.add(PREFIX + "tenant-id");
    }
    if ((apiUrl == null || webClientUrl == null) && !present(environment)) {
      missing.add(PREFIX + "environment");
    }
    if (!present(clientId)) {
      missing.add(PREFIX + "client-id");
    }
    if (!present(clientSecret)) {
      missing.add(PREFIX + "client-secret");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Business Central cannot be reached without the settings " + String.join(", ", missing));
    }
    if (maxConcurrentRequests < 1 || maxRequestsPerWindow < 1 || maxAttempts < 1) {
      throw new IllegalStateException(
          PREFIX
              + "max-concurrent-requests, max-requests-per-window and max-attempts must be at"
              + " least 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalStateException(PREFIX + "window must be longer than zero");
    }
  }

  @Override
  public String toString() {
    return "BusinessCentralProperties[tenantId="
        + tenantId
        + ", environment="
        + environment
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (present(clientSecret) ? "(set)" : "(not set)")
        + ", apiUrl="
        + apiUrl
        + ", tokenUrl="
        + tokenUrl
        + ", scope="
        + scope
        + ", notificationUrl="
        + notificationUrl
        + ", companies="
        + companies
        + ", maxConcurrentRequests="
        + maxConcurrentRequests
        + ", maxRequestsPerWindow="
        + maxRequestsPerWindow
        + ", window="
        + window
        + ", maxAttempts="
        + maxAttempts
        + "]";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
