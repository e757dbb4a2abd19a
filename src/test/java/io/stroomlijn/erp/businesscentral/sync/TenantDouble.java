package io.stroomlijn.erp.businesscentral.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Business Central tenant as the record sync sees it, served by WireMock: records per company and
 * entity set that tests create, change and delete (each change gets a new modification time and
 * etag), read as API v2.0 answers them: one record or 404, sets filtered by {@code id eq .. or id
 * eq ..} or {@code lastModifiedDateTime gt|ge ..}, ordered by key or modification time, in pages of
 * {@code Prefer: odata.maxpagesize} linked by absolute {@code @odata.nextLink}s, each answer with a
 * {@code Date}. It can answer 429 with {@code Retry-After} for a while, and serve an old version of
 * a record once (a stale read).
 */
final class TenantDouble implements ResponseDefinitionTransformerV2 {

  static final String TENANT = "contoso";
  static final String API = "/v2.0/" + TENANT + "/production/api/v2.0";
  static final String TOKEN = "/" + TENANT + "/oauth2/v2.0/token";

  private static final Pattern RECORD =
      Pattern.compile(
          Pattern.quote(API) + "/companies\\(([0-9a-f-]{36})\\)/(\\w+)\\(([0-9a-f-]{36})\\)");
  private static final Pattern SET =
      Pattern.compile(Pattern.quote(API) + "/companies\\(([0-9a-f-]{36})\\)/(\\w+)");
  private static final Pattern ID_EQ = Pattern.compile("id eq ([0-9a-f-]{36})");
  private static final Pattern MODIFIED_SINCE =
      Pattern.compile("lastModifiedDateTime (gt|ge) (\\S+)");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, TreeMap<UUID, ObjectNode>> sets = new LinkedHashMap<>();
  private final Map<UUID, ObjectNode> staleOnce = new LinkedHashMap<>();
  private final Set<String> withoutModificationTimes = new java.util.HashSet<>();
  private final AtomicLong etags = new AtomicLong();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger apiRequests = new AtomicInteger();
  private volatile int throttleAfter = -1;
  private volatile int throttleCount;
  private volatile int retryAfterSeconds;
  private volatile Instant lastModified = Instant.EPOCH;
  private volatile String baseUrl;

  @Override
  public String getName() {
    return "business-central-tenant";
  }

  /** Serves the token endpoint and the API on {@code server} (made with this extension). */
  void serveOn(WireMockExtension server) {
    this.baseUrl = server.baseUrl();
    server.stubFor(
        post(TOKEN)
            .willReturn(
                okJson(
                    "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"t-1\"}")));
    server.stubFor(any(urlPathMatching(Pattern.quote(API) + "/.*")).willReturn(aResponse()));
  }

  String apiUrl() {
    return baseUrl + API;
  }

  String tokenUrl() {
    return baseUrl + TOKEN;
  }

  /** Records of this entity set have no lastModifiedDateTime (some API pages have none). */
  synchronized void withoutModificationTimes(String entitySet) {
    withoutModificationTimes.add(entitySet);
  }

  /** Creates a record with these fields and returns its id. */
  synchronized UUID create(UUID company, String entitySet, Map<String, Object> fields) {
    UUID id = UUID.randomUUID();
    ObjectNode record = json.createObjectNode();
    record.put("id", id.toString());
    fields.forEach((name, value) -> record.set(name, json.valueToTree(value)));
    stamp(entitySet, record);
    set(company, entitySet).put(id, record);
    return id;
  }

  /** Changes fields of a record: a new modification time and etag. */
  synchronized void modify(UUID company, String entitySet, UUID id, Map<String, Object> changes) {
    ObjectNode record = set(company, entitySet).get(id);
    changes.forEach((name, value) -> record.set(name, json.valueToTree(value)));
    stamp(entitySet, record);
  }

  synchronized void delete(UUID company, String entitySet, UUID id) {
    set(company, entitySet).remove(id);
  }

  /** The record's current JSON, as a later stale read serves it. */
  synchronized ObjectNode snapshot(UUID company, String entitySet, UUID id) {
    return set(company, entitySet).get(id).deepCopy();
  }

  /** The next read of this record answers with an old version (a lagging replica). */
  synchronized void serveOnce(UUID id, ObjectNode oldVersion) {
    staleOnce.put(id, oldVersion);
  }

  /** After {@code after} more API requests, the next {@code count} answer 429 with Retry-After. */
  void throttle(int after, int count, int retryAfter) {
    retryAfterSeconds = retryAfter;
    throttleCount = count;
    throttleAfter = apiRequests.get() + after;
  }

  /** API requests answered so far (429s included). */
  int apiRequests() {
    return apiRequests.get();
  }

  int throttled() {
    return throttled.get();
  }

  /** The modification time of the latest change. */
  Instant lastChange() {
    return lastModified;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String url = request.getUrl();
    String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    if (!path.startsWith(API + "/")) {
      return event.getResponseDefinition();
    }
    int number = apiRequests.incrementAndGet();
    int from = throttleAfter;
    if (from >= 0 && number > from && number <= from + throttleCount) {
      throttled.incrementAndGet();
      return answer(429, error("Application_TooManyRequests", "Too many requests"))
          .withHeader("Retry-After", String.valueOf(retryAfterSeconds))
          .build();
    }
    if (!"GET".equals(request.getMethod().getName())) {
      return answer(405, error("BadRequest_MethodNotAllowed", "Only reads here")).build();
    }
    synchronized (this) {
      Matcher one = RECORD.matcher(path);
      if (one.matches()) {
        return one(UUID.fromString(one.group(1)), one.group(2), UUID.fromString(one.group(3)));
      }
      Matcher many = SET.matcher(path);
      if (many.matches()) {
        return many(
            UUID.fromString(many.group(1)),
            many.group(2),
            query(url),
            request.getHeader("Prefer"),
            baseUrl + path);
      }
    }
    return answer(404, error("BadRequest_NotFound", "No such resource")).build();
  }

  private ResponseDefinition one(UUID company, String entitySet, UUID id) {
    ObjectNode stale = staleOnce.remove(id);
    ObjectNode record = stale != null ? stale : set(company, entitySet).get(id);
    if (record == null) {
      return answer(
              404,
              error(
                  "BadRequest_NotFound",
                  "The "
                      + entitySet
                      + " does not exist. Identification fields and values: Id='"
                      + id
                      + "'"))
          .build();
    }
    ObjectNode body = json.createObjectNode();
    body.put("@odata.context", "context");
    body.setAll(withEtag(record));
    return answer(200, body.toString()).build();
  }

  private ResponseDefinition many(
      UUID company, String entitySet, Map<String, String> query, String prefer, String base) {
    List<ObjectNode> records = new ArrayList<>(set(company, entitySet).values());
    String filter = query.get("$filter");
    if (filter != null) {
      Matcher ids = ID_EQ.matcher(filter);
      Set<String> wanted = new java.util.HashSet<>();
      while (ids.find()) {
        wanted.add(ids.group(1));
      }
      Matcher since = MODIFIED_SINCE.matcher(filter);
      if (!wanted.isEmpty()) {
        records.removeIf(r -> !wanted.contains(r.get("id").asText()));
      } else if (since.find()) {
        if (withoutModificationTimes.contains(entitySet)) {
          return answer(
                  400,
                  error(
                      "BadRequest_PropertyNotFound",
                      "Could not find a property named 'lastModifiedDateTime'."))
              .build();
        }
        Instant time = OffsetDateTime.parse(since.group(2)).toInstant();
        boolean inclusive = since.group(1).equals("ge");
        records.removeIf(
            r -> {
              Instant modified = Instant.parse(r.get("lastModifiedDateTime").asText());
              return inclusive ? modified.isBefore(time) : !modified.isAfter(time);
            });
      } else {
        return answer(400, error("BadRequest", "Filter not understood: " + filter)).build();
      }
    }
    if ("lastModifiedDateTime".equals(query.get("$orderby"))) {
      records.sort(
          Comparator.comparing(r -> Instant.parse(r.get("lastModifiedDateTime").asText())));
    }
    int pageSize =
        prefer != null && prefer.startsWith("odata.maxpagesize=")
            ? Integer.parseInt(prefer.substring("odata.maxpagesize=".length()))
            : 20000;
    int skip = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
    ObjectNode body = json.createObjectNode();
    body.put("@odata.context", "context");
    ArrayNode value = body.putArray("value");
    records.stream().skip(skip).limit(pageSize).forEach(r -> value.add(withEtag(r)));
    if (skip + pageSize < records.size()) {
      Map<String, String> next = new LinkedHashMap<>(query);
      next.put("$skiptoken", String.valueOf(skip + pageSize));
      body.put(
          "@odata.nextLink",
          base
              + "?"
              + next.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue().replace(" ", "%20"))
                  .collect(Collectors.joining("&")));
    }
    return answer(200, body.toString()).build();
  }

  private ObjectNode withEtag(ObjectNode record) {
    ObjectNode copy = json.createObjectNode();
    copy.put("@odata.etag", record.path("@etag").asText());
    record
        .fields()
        .forEachRemaining(
            field -> {
              if (!field.getKey().equals("@etag")) {
                copy.set(field.getKey(), field.getValue());
              }
            });
    return copy;
  }

  private void stamp(String entitySet, ObjectNode record) {
    record.put("@etag", "W/\"JzE" + etags.incrementAndGet() + ";'\"");
    if (withoutModificationTimes.contains(entitySet)) {
      return;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    lastModified = now.isAfter(lastModified) ? now : lastModified.plusMillis(1);
    record.put("lastModifiedDateTime", MILLIS.format(lastModified.atOffset(ZoneOffset.UTC)));
  }

  private TreeMap<UUID, ObjectNode> set(UUID company, String entitySet) {
    return sets.computeIfAbsent(company + "/" + entitySet, k -> new TreeMap<>());
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new LinkedHashMap<>();
    int question = url.indexOf('?');
    if (question < 0) {
      return query;
    }
    for (String pair : url.substring(question + 1).split("&")) {
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(pair.substring(0, Math.max(equals, 0)), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      query.put(equals < 0 ? pair : name, value);
    }
    return query;
  }

  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader(
            "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)))
        .withBody(body);
  }

  private String error(String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    return body.toString();
  }

  /** The JSON of a record as the double keeps it, for assertions. */
  synchronized JsonNode current(UUID company, String entitySet, UUID id) {
    return withEtag(set(company, entitySet).get(id));
  }
}
