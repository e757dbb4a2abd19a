package io.stroomlijn.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks the connections of {@code stroomlijn.connections.*} when the application starts, so that a
 * typo fails the start with a message naming the setting rather than every run that uses it with an
 * incident. Values are never shown: a webhook URL is a secret as a whole.
 */
@Component
public class ConnectionSettings {

  static final String PREFIX = "stroomlijn.connections.";
  static final Set<String> HTTP_AUTH = Set.of("none", "basic", "bearer", "header");

  ConnectionSettings(ConnectionsProperties connections) {
    check(connections);
  }

  /** Fails with an {@link InvalidConnectionSettingException} at the first unusable setting. */
  public static void check(ConnectionsProperties connections) {
    connections
        .teams()
        .forEach(
            (name, channel) -> {
              String setting = PREFIX + "teams." + name + ".webhook-url";
              url(setting, required(setting, channel.webhookUrl()));
            });
    connections.http().forEach(ConnectionSettings::checkHttp);
    connections
        .smtp()
        .forEach(
            (name, server) -> {
              String setting = PREFIX + "smtp." + name;
              // "default" is spring.mail.*; only its sender address is set here
              if (!"default".equals(name)) {
                required(setting + ".host", server.host());
              }
              if (server.port() != null && (server.port() < 1 || server.port() > 65535)) {
                throw new InvalidConnectionSettingException(
                    setting + ".port", "must be between 1 and 65535");
              }
            });
    connections
        .excel()
        .forEach(
            (name, workbook) -> {
              if (workbook.path() == null) {
                throw new InvalidConnectionSettingException(
                    PREFIX + "excel." + name + ".path", "is required");
              }
            });
  }

  private static void checkHttp(String name, ConnectionsProperties.Http service) {
    String setting = PREFIX + "http." + name;
    String auth = service.auth() == null ? "none" : service.auth().toLowerCase(Locale.ROOT);
    if (!HTTP_AUTH.contains(auth)) {
      throw new InvalidConnectionSettingException(
          setting + ".auth", "must be none, basic, bearer or header");
    }
    boolean hasBase = service.baseUrl() != null && !service.baseUrl().isBlank();
    if (hasBase) {
      URI base = url(setting + ".base-url", service.baseUrl());
      if (base.getRawQuery() != null || base.getRawFragment() != null) {
        throw new InvalidConnectionSettingException(
            setting + ".base-url",
            "must not have a query or fragment: a key belongs in auth: header (header-name,"
                + " header-value)");
      }
    } else if (!auth.equals("none")) {
      // Without a base URL the credentials would go wherever a flow's URL points.
      throw new InvalidConnectionSettingException(
          setting + ".base-url", "is required for auth " + auth);
    }
    switch (auth) {
      case "basic" -> {
        required(setting + ".username", service.username());
        required(setting + ".password", service.password());
      }
      case "bearer" -> required(setting + ".token", service.token());
      case "header" -> {
        required(setting + ".header-name", service.headerName());
        required(setting + ".header-value", service.headerValue());
      }
      default -> {}
    }
  }

  private static String required(String setting, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidConnectionSettingException(setting, "is required");
    }
    return value;
  }

  /**
   * An absolute http or https URL with a host and no user name or password in it. A malformed one
   * fails naming the setting and the position of the fault, not the value: {@link URI#create} would
   * put the whole (secret) URL into its message.
   */
  public static URI url(String setting, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      // getReason() is the parser's reason without the input; the exception itself is not kept.
      throw new InvalidConnectionSettingException(
          setting,
          "is not a valid URL: "
              + e.getReason().toLowerCase(Locale.ROOT)
              + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidConnectionSettingException(setting, "must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new InvalidConnectionSettingException(setting, "has no valid host name");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidConnectionSettingException(
          setting, "must not contain a user name or password");
    }
    return uri;
  }
}
