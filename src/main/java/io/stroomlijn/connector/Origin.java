package io.stroomlijn.connector;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of an address, with the default ports filled in: what a connection's
 * credentials are bound to. Its text ({@code https://crm.example.com}, the port only when it is not
 * the default) is what messages show of a connection's address, since path and query of a webhook
 * URL are secret.
 */
public record Origin(String scheme, String host, int port) {

  /** The origin of an absolute URL; a URL without host has none a credential could belong to. */
  public static Origin of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
    return new Origin(scheme, host, port);
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  @Override
  public String toString() {
    return scheme + "://" + host + (port == -1 || port == defaultPort(scheme) ? "" : ":" + port);
  }
}
