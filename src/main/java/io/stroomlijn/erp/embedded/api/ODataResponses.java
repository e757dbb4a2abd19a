package io.stroomlijn.erp.embedded.api;

import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordPage;
import io.stroomlijn.erp.embedded.schema.FieldValues;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Writes records and pages in OData JSON, as Business Central's API answers them. */
@Component
class ODataResponses {

  ResponseEntity<Map<String, Object>> entity(
      HttpServletRequest request, ODataPath path, Record record, HttpStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", context(request, path, record.entitySet()) + "/$entity");
    body.putAll(json(record));
    var response =
        ResponseEntity.status(status)
            .contentType(ODataHeaders.JSON)
            .header(HttpHeaders.ETAG, record.etag());
    if (status == HttpStatus.CREATED) {
      response.location(URI.create(entityUrl(request, path, record)));
    }
    return response.body(body);
  }

  ResponseEntity<Map<String, Object>> collection(
      HttpServletRequest request,
      ODataPath path,
      String entitySet,
      RecordPage page,
      ODataRequest options) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", context(request, path, entitySet));
    if (page.totalCount() != null) {
      body.put("@odata.count", page.totalCount());
    }
    body.put("value", page.records().stream().map(ODataResponses::json).toList());
    if (page.nextSkip() != null) {
      body.put("@odata.nextLink", nextLink(request, options, page.nextSkip()));
    }
    var response = ResponseEntity.ok().contentType(ODataHeaders.JSON);
    if (options.preferredPageSize() != null) {
      response.header("Preference-Applied", "odata.maxpagesize=" + options.preferredPageSize());
    }
    return response.body(body);
  }

  /** A record's JSON: its etag, its fields, and expanded related records. */
  static Map<String, Object> json(Record record) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("@odata.etag", record.etag());
    record.fields().forEach((field, value) -> json.put(field, FieldValues.toJson(value)));
    record
        .expanded()
        .forEach(
            (set, related) -> {
              List<Map<String, Object>> values = new ArrayList<>();
              related.forEach(item -> values.add(json(item)));
              json.put(set, values);
            });
    return json;
  }

  private static String context(HttpServletRequest request, ODataPath path, String entitySet) {
    StringBuilder context = new StringBuilder(serviceRoot(request)).append("/$metadata#companies");
    if (path.companyId() != null) {
      context.append('(').append(path.companyId()).append(")/").append(path.entitySet());
      if (path.childSet() != null) {
        context.append('(').append(path.id()).append(")/").append(path.childSet());
      }
    }
    return context.toString();
  }

  private static String entityUrl(HttpServletRequest request, ODataPath path, Record record) {
    return serviceRoot(request)
        + "/companies("
        + path.companyId()
        + ")/"
        + record.entitySet()
        + "("
        + record.id()
        + ")";
  }

  /** The service root URL, {@code http://host/context/api/v2.0}, as the client addressed it. */
  static String serviceRoot(HttpServletRequest request) {
    return UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
        .replacePath(request.getContextPath() + ErpApiController.BASE)
        .replaceQuery(null)
        .build()
        .toUriString();
  }

  /**
   * The same request for the next page: same options, {@code $skip} moved on, {@code $top} less.
   */
  private static String nextLink(HttpServletRequest request, ODataRequest options, int nextSkip) {
    UriComponentsBuilder next =
        UriComponentsBuilder.fromUriString(request.getRequestURL().toString());
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (!name.equals("$skip") && !name.equals("$top")) {
                next.queryParam(name, (Object[]) values);
              }
            });
    Integer top = options.query().top();
    int skip = options.query().skip() == null ? 0 : options.query().skip();
    if (top != null) {
      next.queryParam("$top", top - (nextSkip - skip));
    }
    next.queryParam("$skip", nextSkip);
    return next.encode().build().toUriString();
  }
}
