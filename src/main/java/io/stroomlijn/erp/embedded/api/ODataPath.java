package io.stroomlijn.erp.embedded.api;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource an ERP API path addresses, such as {@code
 * companies(c)/salesInvoices(i)/salesInvoiceLines}.
 *
 * @param companyId the company, or null for the company list
 * @param entitySet the entity set, {@code companies} for the company list and a single company
 * @param id the record's id, or null for a collection
 * @param childSet a nested entity set (document lines), or null
 * @param childId the nested record's id, or null
 * @param action a bound action such as {@code Microsoft.NAV.post}, or null
 */
record ODataPath(
    UUID companyId, String entitySet, UUID id, String childSet, UUID childId, String action) {

  private static final Pattern SEGMENT =
      Pattern.compile("([A-Za-z][A-Za-z0-9_.]*)(?:\\(([^)]*)\\))?");
  private static final String COMPANIES = "companies";

  /** Parses the part of a path after {@code /api/v2.0/}. */
  static ODataPath parse(String path) {
    List<Segment> segments = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      Matcher matcher = SEGMENT.matcher(part);
      if (!matcher.matches()) {
        throw notFound(part);
      }
      segments.add(new Segment(matcher.group(1), matcher.group(2)));
    }
    if (segments.isEmpty() || !segments.get(0).name().equals(COMPANIES)) {
      throw notFound(segments.isEmpty() ? "" : segments.get(0).name());
    }
    Segment company = segments.get(0);
    if (segments.size() == 1) {
      return new ODataPath(null, COMPANIES, company.id(), null, null, null);
    }
    UUID companyId = company.requiredId();
    Segment set = segments.get(1);
    if (segments.size() == 2) {
      return new ODataPath(companyId, set.name(), set.id(), null, null, null);
    }
    UUID id = set.requiredId();
    Segment child = segments.get(2);
    if (segments.size() > 3) {
      throw notFound(segments.get(3).name());
    }
    if (child.name().startsWith("Microsoft.NAV.")) {
      if (child.key() != null) {
        throw notFound(child.name() + "(" + child.key() + ")");
      }
      return new ODataPath(companyId, set.name(), id, null, null, child.name());
    }
    return new ODataPath(companyId, set.name(), id, child.name(), child.id(), null);
  }

  boolean isCollection() {
    return childSet != null ? childId == null : id == null;
  }

  private static RecordNotFoundException notFound(String segment) {
    return new RecordNotFoundException("Resource not found for the segment '" + segment + "'.");
  }

  private record Segment(String name, String key) {

    UUID id() {
      if (key == null) {
        return null;
      }
      try {
        return UUID.fromString(key.trim());
      } catch (IllegalArgumentException notAGuid) {
        throw new InvalidRequestException(
            "BadRequest_InvalidKey",
            name,
            "'"
                + key
                + "' in "
                + name
                + "("
                + key
                + ") is not a valid id: ids are GUIDs such as"
                + " 5d115c9c-44e3-ea11-bb43-000d3a2feca1.");
      }
    }

    UUID requiredId() {
      UUID id = id();
      if (id == null) {
        throw new RecordNotFoundException(
            "Resource not found for the segment '"
                + name
                + "': give its id as "
                + name
                + "({id}).");
      }
      return id;
    }
  }
}
