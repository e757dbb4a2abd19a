package io.stroomlijn.connector.http;

import io.stroomlijn.connector.ConnectionSettings;
import io.stroomlijn.connector.ConnectionsProperties;
import io.stroomlijn.connector.Origin;
import io.stroomlijn.connector.UnknownConnectionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The HTTP services of {@code stroomlijn.connections.http}: where a request of the HTTP action may
 * go with which credentials. The credentials are added to the request here and never become a
 * variable of the run.
 *
 * <p>A connection's credentials go to its base URL's origin (scheme, host and port) and below its
 * path only: base {@code https://crm.example.com/api} admits {@code /api} and {@code /api/...},
 * never {@code /apix}, another port or {@code crm.example.com.attacker.net}. A textual prefix test
 * would admit all of those.
 */
@Component
class HttpServices {

  private final ConnectionsProperties connections;

  HttpServices(ConnectionsProperties connections) {
    this.connections = connections;
  }

  /**
   * The URL to call: the action's URL, resolved against the connection's base URL if it has one,
   * and refused when it lies outside the connection.
   */
  URI resolve(String connection, String url) {
    if (connection == null) {
      return checkedUri(url);
    }
    String base = service(connection).baseUrl();
    if (base == null || base.isBlank()) {
      // Start-up refuses credentials without a base URL, so this connection sends none.
      return checkedUri(url);
    }
    URI baseUri = ConnectionSettings.url(setting(connection), base);
    URI uri = (isAbsolute(url) ? checkedUri(url) : checkedUri(join(base, url))).normalize();
    if (!within(baseUri, uri)) {
      throw new IllegalArgumentException(
          "The URL "
              + shown(uri)
              + " is outside connection '"
              + connection
              + "', whose base URL is "
              + base
              + ": its credentials go to that address and below only");
    }
    return uri;
  }

  /** Same origin, no user info, and a path that is the base path or below it. */
  static boolean within(URI base, URI uri) {
    if (!Origin.of(base).equals(Origin.of(uri)) || uri.getRawUserInfo() != null) {
      return false;
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    // A dot segment left after normalize() was percent-encoded; a server may still decode it.
    for (String segment : uri.getPath().split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    return basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/");
  }

  /** Adds the connection's credentials to a request. */
  void authenticate(String connection, HttpRequest.Builder request) {
    if (connection == null) {
      return;
    }
    ConnectionsProperties.Http service = service(connection);
    String auth = service.auth() == null ? "none" : service.auth().toLowerCase(Locale.ROOT);
    switch (auth) {
      case "none" -> {}
      case "basic" ->
          request.header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (service.username() + ":" + service.password())
                              .getBytes(StandardCharsets.UTF_8)));
      case "bearer" -> request.header("Authorization", "Bearer " + service.token());
      case "header" -> request.header(service.headerName(), service.headerValue());
      default ->
          throw new IllegalArgumentException(
              "Connection '"
                  + connection
                  + "' has auth '"
                  + service.auth()
                  + "': use none, basic, bearer or header");
    }
  }

  /** A URL for messages: origin and path, without user info, query or fragment. */
  static String shown(URI uri) {
    return Origin.of(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private ConnectionsProperties.Http service(String name) {
    ConnectionsProperties.Http service = connections.http().get(name);
    if (service == null) {
      throw new UnknownConnectionException("HTTP", name, setting(name));
    }
    return service;
  }

  private static String setting(String name) {
    return "stroomlijn.connections.http." + name + ".base-url";
  }

  private static boolean isAbsolute(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  private static String join(String base, String url) {
    if (url.isEmpty()) {
      return base;
    }
    boolean slashBase = base.endsWith("/");
    boolean slashUrl = url.startsWith("/");
    if (slashBase && slashUrl) {
      return base + url.substring(1);
    }
    return slashBase || slashUrl ? base + url : base + "/" + url;
  }

  private static URI checkedUri(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      // The query may carry a key: show the URL up to it only.
      throw new IllegalArgumentException(
          "'" + beforeQuery(url) + "' is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "'" + beforeQuery(url) + "' is not an http or https URL with a host");
    }
    return uri;
  }

  private static String beforeQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
