package io.stroomlijn.erp.businesscentral;

import io.stroomlijn.erp.RecordQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link RecordQuery} options as the query string of a Business Central API request. */
final class ODataQueries {

  private ODataQueries() {}

  /** The query string (with its leading {@code ?}) for one record: only select and expand. */
  static String forRecord(RecordQuery query) {
    return join(selectAndExpand(query));
  }

  /** The query string for a collection, with {@code $top} and {@code $skip} as given. */
  static String forCollection(RecordQuery query, Integer top, Integer skip) {
    List<String> options = new ArrayList<>();
    if (query.filter() != null && !query.filter().isBlank()) {
      options.add("$filter=" + encode(query.filter()));
    }
    options.addAll(selectAndExpand(query));
    if (query.orderBy() != null && !query.orderBy().isBlank()) {
      options.add("$orderby=" + encode(query.orderBy()));
    }
    if (top != null) {
      options.add("$top=" + top);
    }
    if (skip != null && skip > 0) {
      options.add("$skip=" + skip);
    }
    if (query.count()) {
      options.add("$count=true");
    }
    return join(options);
  }

  private static List<String> selectAndExpand(RecordQuery query) {
    List<String> options = new ArrayList<>();
    if (!query.select().isEmpty()) {
      options.add("$select=" + encode(String.join(",", query.select())));
    }
    if (!query.expand().isEmpty()) {
      options.add("$expand=" + encode(String.join(",", query.expand())));
    }
    return options;
  }

  private static String join(List<String> options) {
    return options.isEmpty() ? "" : "?" + String.join("&", options);
  }

  /** Percent-encoding for a query value: spaces as {@code %20}, as OData servers expect. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
