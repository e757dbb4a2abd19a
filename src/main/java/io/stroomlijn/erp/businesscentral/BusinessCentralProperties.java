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
 * @param maxSubscriptions most webhook subscriptions Stroomlijn keeps in the environment (Business
 *     Central online allows 200 per environment, shared with other integrations); sets beyond it
 *     are found by the periodic catch-up only
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
    @DefaultValue("6") int maxAttempts,
    @DefaultValue("200") int maxSubscriptions) {

  /** The prefix of these settings, for messages that name one. */
  public static final String PREFIX = "stroomlijn.business-central.";

  /** The path of Stroomlijn's webhook receiver, which {@code notification-url} must end in. */
  public static final String RECEIVER_PATH = "/webhooks/business-central";

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
    if (maxSubscriptions < 0) {
      throw new IllegalStateException(PREFIX + "max-subscriptions must not be negative");
    }
    requireUsableNotificationUrl();
  }

  /**
   * Checks {@code notification-url} when it is set: an absolute https address (http only for
   * localhost or a loopback address) without user name, query or fragment, ending in {@value
   * #RECEIVER_PATH}. The message names the setting, never its value.
   */
  void requireUsableNotificationUrl() {
    if (notificationUrl == null) {
      return;
    }
    String problem = null;
    String scheme = notificationUrl.getScheme() == null ? "" : notificationUrl.getScheme();
    String path = notificationUrl.getRawPath() == null ? "" : notificationUrl.getRawPath();
    if (notificationUrl.getHost() == null
        || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
      problem = "must be an absolute https address";
    } else if (scheme.equalsIgnoreCase("http") && !isLoopback(notificationUrl.getHost())) {
      problem = "must use https (plain http is allowed for localhost only)";
    } else if (notificationUrl.getRawUserInfo() != null) {
      problem = "must not contain a user name or password";
    } else if (notificationUrl.getRawQuery() != null || notificationUrl.getRawFragment() != null) {
      problem = "must not have a query or fragment";
    } else if (!path.endsWith(RECEIVER_PATH)) {
      problem = "must end in " + RECEIVER_PATH + ", the path of Stroomlijn's receiver";
    }
    if (problem != null) {
      throw new IllegalStateException(
          PREFIX
              + "notification-url "
              + problem
              + ": it is the public address at which Business Central reaches Stroomlijn");
    }
  }

  /** Loopback by name (localhost) or as an address literal; other names are not resolved. */
  private static boolean isLoopback(String host) {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (name.matches("127(\\.\\d{1,3}){3}")) {
      return true;
    }
    return name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
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
        + ", maxSubscriptions="
        + maxSubscriptions
        + "]";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
