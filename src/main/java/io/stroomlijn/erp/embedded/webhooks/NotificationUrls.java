package io.stroomlijn.erp.embedded.webhooks;

import io.stroomlijn.erp.InvalidRequestException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The HTTP side of webhooks: which notification URLs are allowed, the validation handshake, and
 * posting notifications. Redirects are followed only within the URL's own origin (scheme, host,
 * port); a redirect elsewhere counts as the answer it is. Nothing here logs a URL: it may carry the
 * subscriber's secret. Only 307 and 308 are followed (they keep the POST); any other redirect is an
 * answer like any other.
 */
@Component
class NotificationUrls {

  static final String FIELD = "notificationUrl";
  private static final int MAX_REDIRECTS = 3;

  private final HttpClient http;
  private final WebhookProperties properties;
  private final SecureRandom random = new SecureRandom();

  NotificationUrls(WebhookProperties properties) {
    this.properties = properties;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(properties.handshakeTimeout())
            .build();
  }

  /** The URL, if it is an absolute https URL (or http on a loopback address, when allowed). */
  URI check(String notificationUrl) {
    URI url;
    try {
      url = new URI(notificationUrl.trim());
    } catch (URISyntaxException e) {
      throw invalid("'notificationUrl' is not a valid URL.");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
    if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw invalid("'notificationUrl' must be an absolute https URL.");
    }
    if (url.getRawUserInfo() != null) {
      throw invalid("'notificationUrl' must not contain a user name or password.");
    }
    if (scheme.equals("http") && !(properties.allowHttpLoopback() && isLoopback(url.getHost()))) {
      throw invalid(
          "'notificationUrl' must use https"
              + (properties.allowHttpLoopback()
                  ? " (plain http is allowed for localhost only)."
                  : "."));
    }
    return url;
  }

  /**
   * Calls the URL with a fresh {@code validationToken} and returns null when it answered 200 with
   * the token as its body, else why the handshake failed.
   */
  String handshake(URI url) {
    String token = HexFormat.of().formatHex(bytes());
    URI validation = withQuery(url, "validationToken=" + token);
    Answer answer;
    try {
      answer = send(validation, "", properties.handshakeTimeout());
    } catch (IOException e) {
      return "it could not be reached (" + e.getClass().getSimpleName() + ")";
    }
    if (answer.status() != 200) {
      return "it answered " + answer.status() + " instead of 200";
    }
    String body = answer.body().trim();
    if (!body.equals(token) && !body.equals("\"" + token + "\"")) {
      return "its answer did not contain the validationToken";
    }
    return null;
  }

  /** Posts a notification body and returns the status of the answer. */
  int post(URI url, String json) throws IOException {
    return send(url, json, properties.requestTimeout()).status();
  }

  private Answer send(URI url, String json, Duration timeout) throws IOException {
    URI target = url;
    for (int redirects = 0; ; redirects++) {
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted", e);
      }
      int status = response.statusCode();
      URI next =
          status == 307 || status == 308
              ? response.headers().firstValue("Location").map(target::resolve).orElse(null)
              : null;
      if (next == null || redirects >= MAX_REDIRECTS || !sameOrigin(url, next)) {
        return new Answer(status, response.body() == null ? "" : response.body());
      }
      target = next;
    }
  }

  private byte[] bytes() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return bytes;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(Objects.toString(b.getScheme(), ""))
        && a.getHost().equalsIgnoreCase(Objects.toString(b.getHost(), ""))
        && port(a) == port(b);
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private static URI withQuery(URI url, String parameter) {
    String text = url.toString();
    int fragment = text.indexOf('#');
    if (fragment >= 0) {
      text = text.substring(0, fragment);
    }
    return URI.create(text + (url.getRawQuery() == null ? "?" : "&") + parameter);
  }

  /** Loopback by name (localhost) or as an address literal; other names are not resolved. */
  static boolean isLoopback(String host) {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean literal = name.contains(":") || name.matches("[0-9.]+");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(FIELD, message);
  }

  private record Answer(int status, String body) {}
}
