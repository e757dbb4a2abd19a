package io.stroomlijn.erp.businesscentral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.ErpPermissionException;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordChangedException;
import io.stroomlijn.erp.RecordEventListener;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.RecordPage;
import io.stroomlijn.erp.RecordQuery;
import io.stroomlijn.erp.WebClientLinks;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link ErpConnector} port over a Business Central online tenant's API v2.0. Business
 * Central's refusals become the exceptions the embedded ERP throws for the same faults (so flows
 * get the same BPMN errors); technical faults are {@link BusinessCentralException}s (incidents).
 *
 * <p>{@code changedBy} cannot be passed on: Business Central records the Entra app as the one who
 * changed a record.
 */
public class BusinessCentralErp implements ErpConnector {

  /** Business Central's largest server page, the port's page size when the caller names none. */
  static final int MAX_PAGE_SIZE = 20000;

  private static final String ACTION_PREFIX = "Microsoft.NAV.";

  // Company names are asked for per event (triggers that name their company) and per record link;
  // they change rarely, so they are kept a while instead of costing a request each time.
  private static final Duration COMPANY_NAMES_FOR = Duration.ofMinutes(5);

  private final BusinessCentralHttp http;
  private final String apiUrl;
  private final URI webClient;
  private final ObjectMapper json =
      JsonMapper.builder()
          .findAndAddModules()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();
  private final RecordEventRelay relay;
  private volatile CompanyNames companyNames;

  private record CompanyNames(Map<UUID, String> byId, Instant readAt) {}

  public BusinessCentralErp(
      BusinessCentralProperties properties, BusinessCentralHttp http, RecordEventRelay relay) {
    this.http = http;
    this.relay = relay;
    String api = properties.apiUrl().toString();
    this.apiUrl = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    this.webClient = properties.webClientUrl();
  }

  @Override
  public List<Record> companies() {
    List<Record> companies = new ArrayList<>();
    URI next = URI.create(apiUrl + "/companies");
    while (next != null) {
      JsonNode page = read(http.send("GET", next, null, Map.of()), "companies");
      page.path("value").forEach(company -> companies.add(toRecord("companies", company)));
      next = nextLink(page);
    }
    Map<UUID, String> names = new HashMap<>();
    companies.forEach(company -> names.put(company.id(), company.getString("name")));
    companyNames = new CompanyNames(names, Instant.now());
    return companies;
  }

  /**
   * The company's name from the names read within the last few minutes; read again when they are
   * older or do not know the company (it may be new).
   */
  @Override
  public Optional<String> companyName(UUID companyId) {
    CompanyNames known = companyNames;
    if (known == null
        || known.readAt().plus(COMPANY_NAMES_FOR).isBefore(Instant.now())
        || !known.byId().containsKey(companyId)) {
      companies();
      known = companyNames;
    }
    return Optional.ofNullable(known.byId().get(companyId));
  }

  @Override
  public Record get(UUID companyId, String entitySet, UUID id, RecordQuery query) {
    URI uri = URI.create(record(companyId, entitySet, id) + ODataQueries.forRecord(query));
    return toRecord(entitySet, read(http.send("GET", uri, null, Map.of()), entitySet));
  }

  /**
   * One page in the port's sense: up to the caller's page size (or {@value #MAX_PAGE_SIZE}) records
   * from {@code $skip} on, gathered through Business Central's {@code @odata.nextLink}s; {@link
   * RecordPage#nextSkip()} is set when more records match.
   */
  @Override
  public RecordPage find(UUID companyId, String entitySet, RecordQuery query) {
    int skip = nonNegative(query.skip(), "$skip");
    Integer top = query.top() == null ? null : nonNegative(query.top(), "$top");
    int pageSize =
        query.maxPageSize() == null || query.maxPageSize() <= 0
            ? MAX_PAGE_SIZE
            : Math.min(query.maxPageSize(), MAX_PAGE_SIZE);
    int limit = top == null ? pageSize : Math.min(top, pageSize);
    // One more than the page tells whether a next page exists, without counting.
    URI next =
        URI.create(
            collection(companyId, entitySet) + ODataQueries.forCollection(query, limit + 1, skip));
    Map<String, String> prefer = Map.of("Prefer", "odata.maxpagesize=" + Math.max(limit, 1));
    List<Record> records = new ArrayList<>();
    Long count = null;
    while (next != null && records.size() <= limit) {
      JsonNode page = read(http.send("GET", next, null, prefer), entitySet);
      if (count == null && page.has("@odata.count")) {
        count = page.path("@odata.count").asLong();
      }
      page.path("value").forEach(entity -> records.add(toRecord(entitySet, entity)));
      next = nextLink(page);
    }
    boolean more = records.size() > limit && (top == null || top > limit);
    return new RecordPage(
        records.size() > limit ? records.subList(0, limit) : records,
        query.count() ? count : null,
        more ? skip + limit : null);
  }

  @Override
  public Record create(
      UUID companyId, String entitySet, Map<String, Object> fields, String changedBy) {
    BusinessCentralHttp.Response response =
        http.send("POST", collection(companyId, entitySet), write(fields), Map.of());
    return toRecord(entitySet, read(response, entitySet));
  }

  @Override
  public Record update(
      UUID companyId,
      String entitySet,
      UUID id,
      Map<String, Object> changes,
      String etag,
      String changedBy) {
    BusinessCentralHttp.Response response =
        http.send("PATCH", record(companyId, entitySet, id), write(changes), ifMatch(etag));
    return toRecord(entitySet, read(response, entitySet));
  }

  @Override
  public void delete(UUID companyId, String entitySet, UUID id, String etag, String changedBy) {
    read(http.send("DELETE", record(companyId, entitySet, id), null, ifMatch(etag)), entitySet);
  }

  @Override
  public void runAction(
      UUID companyId, String entitySet, UUID id, String action, String changedBy) {
    String name =
        action.startsWith(ACTION_PREFIX) ? action.substring(ACTION_PREFIX.length()) : action;
    if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
      throw new InvalidRequestException("action", "'" + action + "' is not an action name.");
    }
    URI uri = URI.create(record(companyId, entitySet, id) + "/" + ACTION_PREFIX + name);
    read(http.send("POST", uri, null, Map.of()), entitySet);
  }

  @Override
  public URI webClientUrl(UUID companyId, String entitySet, UUID id) {
    String company =
        companyName(companyId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException(
                        "The company with id " + companyId + " does not exist."));
    return WebClientLinks.link(webClient, company, entitySet, id);
  }

  /**
   * Registers the listener with the record event relay. Changes in Business Central reach the relay
   * through the record sync, which turns notifications, collections and catch-up reads into record
   * events in the same outbox the embedded ERP writes its commits to.
   */
  @Override
  public void addRecordEventListener(RecordEventListener listener) {
    relay.addListener(listener);
  }

  private URI collection(UUID companyId, String entitySet) {
    return URI.create(apiUrl + "/companies(" + companyId + ")/" + segment(entitySet));
  }

  private URI record(UUID companyId, String entitySet, UUID id) {
    return URI.create(collection(companyId, entitySet) + "(" + id + ")");
  }

  /** An entity set name as a path segment; anything but a plain name is refused, not encoded. */
  private static String segment(String entitySet) {
    if (entitySet == null || !entitySet.matches("[A-Za-z][A-Za-z0-9]*")) {
      throw new RecordNotFoundException("Resource not found for the segment '" + entitySet + "'.");
    }
    return entitySet;
  }

  private static Map<String, String> ifMatch(String etag) {
    return Map.of("If-Match", etag == null || etag.isBlank() ? "*" : etag);
  }

  /** The next page's address; Business Central gives it absolute, under the same API root. */
  private URI nextLink(JsonNode page) {
    JsonNode link = page.path("@odata.nextLink");
    return link.isTextual() ? URI.create(apiUrl).resolve(link.asText()) : null;
  }

  private Record toRecord(String entitySet, JsonNode entity) {
    return BusinessCentralRecords.toRecord(entitySet, entity);
  }

  private String write(Map<String, Object> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("body", "The field values cannot be written as JSON.");
    }
  }

  /** The answer's JSON body (empty for 204), or the exception for Business Central's refusal. */
  private JsonNode read(BusinessCentralHttp.Response response, String entitySet) {
    JsonNode body = parse(response.body());
    int status = response.status();
    if (status >= 200 && status < 300) {
      return body;
    }
    JsonNode error = body.path("error");
    String code = error.path("code").asText("");
    String message = error.path("message").asText("");
    if (message.isBlank()) {
      message = "Business Central answered HTTP " + status + " for " + entitySet + ".";
    }
    if (status == 412 || code.equals("Request_EntityChanged")) {
      return throwing(new RecordChangedException(message));
    }
    if (status == 404 || code.equals("BadRequest_NotFound")) {
      return throwing(new RecordNotFoundException(message));
    }
    if (status == 403) {
      return throwing(new ErpPermissionException(message));
    }
    if (status >= 400 && status < 500) {
      return throwing(
          new InvalidRequestException(code.isBlank() ? "BadRequest" : code, null, message));
    }
    throw new BusinessCentralException(
        "Business Central answered HTTP "
            + status
            + (code.isBlank() ? "" : " " + code)
            + " for "
            + entitySet
            + ": "
            + message);
  }

  private static JsonNode throwing(RuntimeException refusal) {
    throw refusal;
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      return json.createObjectNode();
    }
  }

  private static int nonNegative(Integer value, String option) {
    if (value == null) {
      return 0;
    }
    if (value < 0) {
      throw new InvalidRequestException(option, "The value of " + option + " cannot be negative.");
    }
    return value;
  }
}
