package io.stroomlijn.erp.businesscentral.sync;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses the record sync reads, all under {@code api-url}. A notification's {@code resource}
 * comes from outside, so it is never requested as sent: it is parsed into company, entity set,
 * record and query, checked against the watched set it was stored for, and the request is built
 * from those parts under {@code api-url}. Anything else (another host, another path, dot segments,
 * a fragment) is refused.
 */
final class ApiAddresses {

  private static final String GUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern PATH =
      Pattern.compile(
          "companies\\((" + GUID + ")\\)/([A-Za-z][A-Za-z0-9]*)(?:\\((" + GUID + ")\\))?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private final String apiUrl;
  private final URI api;

  /** The path of api-url, such as {@code /v2.0/contoso/production/api/v2.0}. */
  private final String apiPath;

  /** Its last two segments, such as {@code api/v2.0}: how Business Central starts a resource. */
  private final String apiTail;

  ApiAddresses(URI apiUrl) {
    String text = apiUrl.toString();
    this.apiUrl = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.api = URI.create(this.apiUrl);
    String path = api.getRawPath() == null ? "" : api.getRawPath();
    this.apiPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String[] segments = apiPath.split("/");
    this.apiTail =
        segments.length >= 2
            ? segments[segments.length - 2] + "/" + segments[segments.length - 1]
            : apiPath.startsWith("/") ? apiPath.substring(1) : apiPath;
  }

  /** What a notification's resource names: one record, or (with a query) a set of records. */
  record Target(UUID companyId, String entitySet, UUID recordId, String query) {

    boolean isRecord() {
      return recordId != null;
    }
  }

  /** A resource that the sync does not request; its message says why, never more than the start. */
  static final class RefusedResource extends RuntimeException {
    RefusedResource(String resource, String reason) {
      super("Refused the notification resource " + shorten(resource) + ": " + reason);
    }
  }

  /** The records of an entity set. */
  URI collection(UUID companyId, String entitySet) {
    return URI.create(apiUrl + "/companies(" + companyId + ")/" + name(entitySet));
  }

  /** The records of an entity set with a query string (without {@code ?}), already encoded. */
  URI collection(UUID companyId, String entitySet, String query) {
    return URI.create(collection(companyId, entitySet) + "?" + query);
  }

  /** One record. */
  URI record(UUID companyId, String entitySet, UUID id) {
    return URI.create(collection(companyId, entitySet) + "(" + id + ")");
  }

  /**
   * A notification's resource, relative ({@code api/v2.0/companies(..)/customers(..)}, with or
   * without a leading slash, or the whole path of api-url) or absolute under api-url; refused
   * unless it is a record or the set of {@code companyId}'s {@code entitySet}.
   */
  Target resolve(String resource, UUID companyId, String entitySet) {
    if (resource == null || resource.isBlank()) {
      throw new RefusedResource("", "it is empty");
    }
    String text = resource.strip();
    if (text.indexOf('#') >= 0 || text.indexOf('\\') >= 0) {
      throw new RefusedResource(text, "it is not a plain address");
    }
    int question = text.indexOf('?');
    String path = question < 0 ? text : text.substring(0, question);
    String query = question < 0 ? null : text.substring(question + 1);
    String rest = underApi(text, path);
    Matcher matcher = PATH.matcher(rest);
    if (!matcher.matches()) {
      throw new RefusedResource(text, "it is not a record or an entity set of a company");
    }
    UUID company = UUID.fromString(matcher.group(1));
    String set = matcher.group(2);
    if (!company.equals(companyId) || !set.equals(entitySet)) {
      throw new RefusedResource(
          text, "it is not of the watched set " + entitySet + " of company " + companyId);
    }
    UUID record = matcher.group(3) == null ? null : UUID.fromString(matcher.group(3));
    return new Target(company, set, record, record == null ? query(text, query) : null);
  }

  /**
   * A next page's address as Business Central gives it (absolute, or relative to api-url); only a
   * page under api-url is read.
   */
  URI nextLink(String link) {
    URI next;
    try {
      next = new URI(link.strip().replace(" ", "%20"));
      next = next.isAbsolute() ? next : URI.create(apiUrl + "/").resolve(next);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new RefusedResource(link, "it is not an address");
    }
    if (!within(next)) {
      throw new RefusedResource(link, "it is not under the configured api-url");
    }
    return next;
  }

  private String underApi(String text, String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      URI absolute;
      try {
        absolute = new URI(path);
      } catch (URISyntaxException e) {
        throw new RefusedResource(text, "it is not an address");
      }
      if (!within(absolute)) {
        throw new RefusedResource(text, "it is not under the configured api-url");
      }
      return absolute.getRawPath().substring(apiPath.length() + 1);
    }
    if (path.contains("://")) {
      throw new RefusedResource(text, "it is not under the configured api-url");
    }
    String withSlash = path.startsWith("/") ? path : "/" + path;
    if (!apiPath.isEmpty() && withSlash.startsWith(apiPath + "/")) {
      return withSlash.substring(apiPath.length() + 1);
    }
    String relative = withSlash.substring(1);
    if (!apiTail.isEmpty() && relative.startsWith(apiTail + "/")) {
      return relative.substring(apiTail.length() + 1);
    }
    return relative;
  }

  /** Same scheme, host and port as api-url, and a path below it without dot segments. */
  private boolean within(URI uri) {
    if (uri.getScheme() == null
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null
        || !uri.getScheme().equalsIgnoreCase(api.getScheme())
        || !uri.getHost().equalsIgnoreCase(api.getHost())
        || port(uri) != port(api)) {
      return false;
    }
    String path = uri.getRawPath();
    if (path == null || !path.startsWith(apiPath + "/")) {
      return false;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    return !lower.contains("/../")
        && !lower.endsWith("/..")
        && !lower.contains("/./")
        && !lower.contains("%2e")
        && !lower.contains("%2f");
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * A collection's query string as it can be sent: spaces encoded, else as Business Central wrote
   * it.
   */
  private String query(String text, String query) {
    if (query == null || query.isBlank()) {
      return null;
    }
    String encoded = query.replace(" ", "%20");
    try {
      URI.create(apiUrl + "/x?" + encoded);
    } catch (IllegalArgumentException e) {
      throw new RefusedResource(text, "its query is not valid");
    }
    return encoded;
  }

  private static String name(String entitySet) {
    if (entitySet == null || !NAME.matcher(entitySet).matches()) {
      throw new IllegalArgumentException("Not an entity set name: " + entitySet);
    }
    return entitySet;
  }

  /** A query value, percent-encoded with spaces as {@code %20}, as OData servers expect. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String shorten(String resource) {
    return resource.length() <= 200 ? resource : resource.substring(0, 200) + "...";
  }
}
