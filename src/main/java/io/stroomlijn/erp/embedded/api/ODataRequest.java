package io.stroomlijn.erp.embedded.api;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OData query options and paging preference of an ERP API request. */
record ODataRequest(RecordQuery query, Integer preferredPageSize) {

  private static final Set<String> OPTIONS =
      Set.of("$filter", "$select", "$orderby", "$top", "$skip", "$expand", "$count");

  /** Options clients send that change nothing here. */
  private static final Set<String> IGNORED = Set.of("$format", "$schemaversion");

  private static final Pattern MAX_PAGE_SIZE =
      Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d+)");

  static ODataRequest of(HttpServletRequest request) {
    for (String name : request.getParameterMap().keySet()) {
      if (name.startsWith("$") && !OPTIONS.contains(name) && !IGNORED.contains(name)) {
        throw new InvalidRequestException(
            "BadRequest_UnsupportedQueryOption",
            name,
            "The query option '"
                + name
                + "' is not supported. Supported: "
                + String.join(", ", OPTIONS.stream().sorted().toList())
                + ".");
      }
    }
    Integer preferred = preferredPageSize(request.getHeader("Prefer"));
    RecordQuery query =
        new RecordQuery(
            request.getParameter("$filter"),
            list(request.getParameter("$select")),
            request.getParameter("$orderby"),
            integer(request, "$top"),
            integer(request, "$skip"),
            list(request.getParameter("$expand")),
            bool(request, "$count"),
            preferred);
    return new ODataRequest(query, preferred);
  }

  private static Integer preferredPageSize(String prefer) {
    if (prefer == null) {
      return null;
    }
    Matcher matcher = MAX_PAGE_SIZE.matcher(prefer.toLowerCase(Locale.ROOT));
    if (!matcher.find()) {
      return null;
    }
    try {
      int size = Integer.parseInt(matcher.group(1));
      return size > 0 ? size : null;
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Integer integer(HttpServletRequest request, String option) {
    String value = request.getParameter(option);
    if (value == null) {
      return null;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number < 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "BadRequest_InvalidQueryOption",
          option,
          "The value '" + value + "' of " + option + " is not a non-negative whole number.");
    }
  }

  private static boolean bool(HttpServletRequest request, String option) {
    String value = request.getParameter(option);
    if (value == null) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidRequestException(
              "BadRequest_InvalidQueryOption",
              option,
              "The value '" + value + "' of " + option + " must be true or false.");
    };
  }
}
