package io.stroomlijn.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens for Business Central from OAuth2 client credentials. A token is kept until shortly
 * before it expires (a tenth of its lifetime, at most five minutes), so most requests need no call
 * to the token endpoint; callers that arrive while a token is being fetched wait for that one
 * fetch.
 */
public class BusinessCentralTokens {

  private static final Duration MAX_MARGIN = Duration.ofMinutes(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern ENTRA_CODE = Pattern.compile("AADSTS\\d+");

  private final BusinessCentralProperties properties;
  private final HttpClient client;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  private String token;
  private Instant renewAt = Instant.MIN;
  private Instant expiresAt;
  private int fetches;
  private String lastRefusal;
  private Instant lastRefusalAt;

  public BusinessCentralTokens(
      BusinessCentralProperties properties, HttpClient client, Clock clock) {
    this.properties = properties;
    this.client = client;
    this.clock = clock;
  }

  /** A valid access token, fetched when there is none or the cached one is about to expire. */
  public synchronized String token() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  /**
   * Forgets a token Business Central refused (401), unless another caller has already replaced it,
   * so that the next {@link #token()} fetches a new one.
   */
  public synchronized void refused(String refusedToken) {
    if (refusedToken.equals(token)) {
      token = null;
    }
  }

  /** How many tokens were fetched since start, for diagnostics. */
  public synchronized int fetches() {
    return fetches;
  }

  /**
   * What the cache holds, for diagnostics: never the token itself.
   *
   * @param cached whether a token is held that is not yet due for renewal
   * @param expiresAt when the held token expires, null when none was fetched
   * @param renewAt when the held token will be replaced, null when none is held
   * @param fetches tokens fetched since start
   * @param lastRefusal why the token endpoint last refused (or could not be reached), naming the
   *     settings to check and the server's codes; null when it never did since start
   * @param lastRefusalAt when that was
   */
  public record State(
      boolean cached,
      Instant expiresAt,
      Instant renewAt,
      int fetches,
      String lastRefusal,
      Instant lastRefusalAt) {}

  /** The cache's state now. */
  public synchronized State state() {
    boolean cached = token != null && clock.instant().isBefore(renewAt);
    return new State(
        cached, expiresAt, token == null ? null : renewAt, fetches, lastRefusal, lastRefusalAt);
  }

  private void fetch() {
    try {
      fetchOnce();
    } catch (BusinessCentralException refused) {
      lastRefusal = refused.getMessage();
      lastRefusalAt = clock.instant();
      throw refused;
    }
  }

  private void fetchOnce() {
    Instant asked = clock.instant();
    HttpResponse<String> response = send();
    JsonNode body = parse(response.body());
    if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
      throw refusal(response.statusCode(), body);
    }
    long lifetime = body.path("expires_in").asLong(3600);
    Duration valid = Duration.ofSeconds(Math.max(lifetime, 0));
    Duration margin = valid.dividedBy(10);
    if (margin.compareTo(MAX_MARGIN) > 0) {
      margin = MAX_MARGIN;
    }
    token = body.path("access_token").asText();
    renewAt = asked.plus(valid).minus(margin);
    expiresAt = asked.plus(valid);
    fetches++;
  }

  private HttpResponse<String> send() {
    String form =
        "grant_type=client_credentials"
            + "&client_id="
            + encode(properties.clientId())
            + "&client_secret="
            + encode(properties.clientSecret())
            + "&scope="
            + encode(properties.scope());
    HttpRequest request =
        HttpRequest.newBuilder(properties.tokenUrl())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BusinessCentralException(
          "The token endpoint " + origin(properties.tokenUrl()) + " could not be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BusinessCentralException("Interrupted while fetching a Business Central token", e);
    }
  }

  /**
   * The refusal, naming the settings to check and the server's error codes; the description is left
   * out beyond its {@code AADSTS} code, as it may quote what was sent.
   */
  private BusinessCentralException refusal(int status, JsonNode body) {
    String error = body.path("error").asText("");
    Matcher entraCode = ENTRA_CODE.matcher(body.path("error_description").asText(""));
    StringBuilder message =
        new StringBuilder("The token endpoint ")
            .append(origin(properties.tokenUrl()))
            .append(" refused a token (HTTP ")
            .append(status);
    if (!error.isEmpty()) {
      message.append(", ").append(error.replaceAll("[^A-Za-z0-9_.-]", ""));
    }
    if (entraCode.find()) {
      message.append(", ").append(entraCode.group());
    }
    message
        .append("): check ")
        .append(BusinessCentralProperties.PREFIX)
        .append("client-id, ")
        .append(BusinessCentralProperties.PREFIX)
        .append("client-secret, ")
        .append(BusinessCentralProperties.PREFIX)
        .append("tenant-id and ")
        .append(BusinessCentralProperties.PREFIX)
        .append("scope");
    return new BusinessCentralException(message.toString());
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
