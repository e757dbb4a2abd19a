package io.stroomlijn.erp.embedded.webhooks;

import io.stroomlijn.erp.InvalidRequestException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a subscription watches: one entity set of one company. Business Central accepts the resource
 * as {@code /api/v2.0/companies({id})/customers}, without the leading slash, as {@code
 * companies({id})/customers}, or as an absolute URL ending in one of these.
 *
 * @param companyId the company
 * @param entitySet the entity set, such as {@code customers}
 */
record SubscribedResource(UUID companyId, String entitySet) {

  static final String FIELD = "resource";
  private static final String API = "api/v2.0/";
  private static final Pattern PATH =
      Pattern.compile(
          "companies\\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\)/([A-Za-z][A-Za-z0-9]*)");

  static SubscribedResource parse(String resource) {
    String path = resource.trim();
    if (path.startsWith("http://") || path.startsWith("https://")) {
      try {
        path = URI.create(path).getPath();
      } catch (IllegalArgumentException e) {
        throw invalid();
      }
      int api = path == null ? -1 : path.indexOf("/" + API);
      if (api < 0) {
        throw invalid();
      }
      path = path.substring(api + 1);
    }
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (path.startsWith(API)) {
      path = path.substring(API.length());
    }
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches()) {
      throw invalid();
    }
    return new SubscribedResource(UUID.fromString(matcher.group(1)), matcher.group(2));
  }

  /** A record of this entity set, as Business Central names it in a notification. */
  String record(UUID id) {
    return API + "companies(" + companyId + ")/" + entitySet + "(" + id + ")";
  }

  /** The records of this entity set changed since {@code since}, for a collection notification. */
  String changedSince(Instant since) {
    return "/"
        + API
        + "companies("
        + companyId
        + ")/"
        + entitySet
        + "?$filter=lastModifiedDateTime%20ge%20"
        + since.truncatedTo(ChronoUnit.MILLIS);
  }

  private static InvalidRequestException invalid() {
    return new InvalidRequestException(
        FIELD,
        "'resource' must be an entity set of a company, such as"
            + " /api/v2.0/companies(<company id>)/customers.");
  }
}
