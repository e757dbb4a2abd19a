package io.stroomlijn.connector.http;

import io.stroomlijn.connector.ConnectionsProperties;
import io.stroomlijn.connector.UnknownConnectionException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The HTTP services of {@code stroomlijn.connections.http}: where a request of the HTTP action may
 * go with which credentials. The credentials are added to the request here and never become a
 * variable of the run.
 */
@Component
class HttpServices {

  private final ConnectionsProperties connections;

  HttpServices(ConnectionsProperties connections) {
    this.connections = connections;
  }

  /**
   * The URL to call: the action's URL, resolved against the connection's base URL if it has one.
   */
  URI resolve(String connection, String url) {
    if (connection == null) {
      return checkedUri(url);
    }
    String base = service(connection).baseUrl();
    if (base == null || base.isBlank()) {
      return checkedUri(url);
    }
    if (url.startsWith("http://") || url.startsWith("https://")) {
      if (!url.startsWith(base)) {
        // The connection's credentials must not travel to another host.
        throw new IllegalArgumentException(
            "The URL is outside connection '" + connection + "', whose base URL is " + base);
      }
      return checkedUri(url);
    }
    return checkedUri(
        base.endsWith("/") || url.startsWith("/") || url.isEmpty()
            ? stripDoubleSlash(base, url)
            : base + "/" + url);
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

  private ConnectionsProperties.Http service(String name) {
    ConnectionsProperties.Http service = connections.http().get(name);
    if (service == null) {
      throw new UnknownConnectionException(
          "HTTP", name, "stroomlijn.connections.http." + name + ".base-url");
    }
    return service;
  }

  private static String stripDoubleSlash(String base, String url) {
    return base.endsWith("/") && url.startsWith("/") ? base + url.substring(1) : base + url;
  }

  private static URI checkedUri(String url) {
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("'" + url + "' is not an http or https URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getMessage());
    }
  }
}
