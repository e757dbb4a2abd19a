package io.stroomlijn.erp.businesscentral.webhooks;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The company and entity set a resource of Business Central's webhooks is about. Business Central
 * names a record as {@code api/v2.0/companies(<id>)/customers(<id>)}, a collection as the entity
 * set with a {@code $filter}, and a subscribed resource as {@code
 * /api/v2.0/companies(<id>)/customers}; with or without the leading slash, or as an absolute URL,
 * and under any API route (custom API pages have their own).
 *
 * @param companyId the company
 * @param entitySet the entity set, such as {@code customers}
 */
record NotifiedResource(UUID companyId, String entitySet) {

  private static final Pattern COMPANY_AND_SET =
      Pattern.compile(
          "(?:^|/)companies\\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
              + "-[0-9a-fA-F]{12})\\)/([A-Za-z][A-Za-z0-9]*)(?:\\(|/|$)");

  /** The company and entity set, or empty when the resource names no company's entity set. */
  static Optional<NotifiedResource> parse(String resource) {
    if (resource == null) {
      return Optional.empty();
    }
    String path = resource.strip();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("http://") || path.startsWith("https://")) {
      try {
        path = URI.create(path).getRawPath();
      } catch (IllegalArgumentException notAUrl) {
        return Optional.empty();
      }
      if (path == null) {
        return Optional.empty();
      }
    }
    Matcher matcher = COMPANY_AND_SET.matcher(path);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(new NotifiedResource(UUID.fromString(matcher.group(1)), matcher.group(2)));
  }

  /** Whether it is the given watched set (entity set names compared regardless of case). */
  boolean is(WatchedSet.Key key) {
    return companyId.equals(key.companyId()) && entitySet.equalsIgnoreCase(key.entitySet());
  }
}
