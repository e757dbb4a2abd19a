package io.stroomlijn.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Business Central online tenant as far as Stroomlijn's connection and webhook subscriptions need
 * one, playing the documented behaviour (reference section 4 and 8): the token endpoint, {@code
 * companies}, and {@code subscriptions} with the validation handshake on create and renewal (the
 * subscription is refused unless the notification URL echoes the token), renewal and deletion only
 * with a matching {@code If-Match} (412 without), and subscriptions of other integrations. It keeps
 * its state, so it answers the same whichever node or pass asks.
 */
public final class BusinessCentralDouble implements AutoCloseable {

  public static final String TENANT = "contoso";
  public static final String API = "/v2.0/" + TENANT + "/production/api/v2.0";
  public static final String TOKEN = "/" + TENANT + "/oauth2/v2.0/token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ONE = Pattern.compile("/subscriptions\\('([^']*)'\\)");

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          4,
          task -> {
            Thread thread = new Thread(task, "bc-double");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<UUID, String> companies = new LinkedHashMap<>();
  private final Map<String, Sub> subscriptions = new LinkedHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private volatile boolean refuseTokens;
  private volatile int companiesStatus = 200;
  private volatile boolean tamperHandshake;

  /** A subscription as the double keeps it. */
  public record Sub(
      String id,
      String notificationUrl,
      String resource,
      String clientState,
      Instant expires,
      int version) {

    public String etag() {
      String token = "'" + version + ";" + id + "'";
      return "W/\""
          + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))
          + "\"";
    }
  }

  /** A request the double answered. */
  public record Request(String method, String path, String ifMatch, int status) {}

  public BusinessCentralDouble() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI apiUrl() {
    return URI.create(base() + API);
  }

  public URI tokenUrl() {
    return URI.create(base() + TOKEN);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  // -- what tests arrange and look at

  public synchronized void company(UUID id, String name) {
    companies.put(id, name);
  }

  public void refuseTokens(boolean refuse) {
    refuseTokens = refuse;
  }

  public void companiesStatus(int status) {
    companiesStatus = status;
  }

  /** Makes the double check the echo against another token, as if the echo were wrong. */
  public void tamperHandshake(boolean tamper) {
    tamperHandshake = tamper;
  }

  public synchronized List<Sub> subscriptions() {
    return List.copyOf(subscriptions.values());
  }

  public synchronized Sub subscription(String id) {
    return subscriptions.get(id);
  }

  /** Deletes a subscription as Business Central does after failed deliveries. */
  public synchronized void forget(String id) {
    subscriptions.remove(id);
  }

  /** A subscription another integration made (or another client renewed, new etag). */
  public synchronized Sub add(String notificationUrl, String resource, String clientState) {
    Sub sub =
        new Sub(
            UUID.randomUUID().toString().replace("-", ""),
            notificationUrl,
            resource,
            clientState,
            Instant.now().plus(Duration.ofDays(3)),
            1);
    subscriptions.put(sub.id(), sub);
    return sub;
  }

  /** Someone else renewed it: its etag changes. */
  public synchronized void touch(String id) {
    Sub sub = subscriptions.get(id);
    subscriptions.put(
        id,
        new Sub(
            id,
            sub.notificationUrl(),
            sub.resource(),
            sub.clientState(),
            sub.expires(),
            sub.version() + 1));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method, String pathPart) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().contains(pathPart))
        .toList();
  }

  public int tokensIssued() {
    return tokens.get();
  }

  public synchronized void reset() {
    subscriptions.clear();
    requests.clear();
    refuseTokens = false;
    companiesStatus = 200;
    tamperHandshake = false;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  // -- the protocol

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
    Answer answer;
    try {
      answer = answer(exchange, method, path, ifMatch);
    } catch (RuntimeException e) {
      answer = error(500, "Internal", e.toString());
    }
    requests.add(new Request(method, path, ifMatch, answer.status()));
    byte[] body =
        answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (answer.etag() != null) {
      exchange.getResponseHeaders().set("ETag", answer.etag());
    }
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private Answer answer(HttpExchange exchange, String method, String path, String ifMatch)
      throws IOException {
    byte[] request = exchange.getRequestBody().readAllBytes();
    if (path.equals(TOKEN) && method.equals("POST")) {
      if (refuseTokens) {
        return new Answer(
            401,
            "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
                + " secret provided.\"}",
            null);
      }
      return new Answer(
          200,
          "{\"access_token\":\"double-token-"
              + tokens.incrementAndGet()
              + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}",
          null);
    }
    if (!path.startsWith(API)) {
      return error(404, "BadRequest_NotFound", "No such path");
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer double-token-")) {
      return error(401, "Authentication_InvalidCredentials", "No valid token");
    }
    String rest = path.substring(API.length());
    if (rest.equals("/companies") && method.equals("GET")) {
      if (companiesStatus != 200) {
        return error(companiesStatus, "Authorization_NoPermission", "Not allowed");
      }
      return new Answer(200, companiesJson(), null);
    }
    if (rest.equals("/subscriptions") && method.equals("GET")) {
      return new Answer(200, list(), null);
    }
    if (rest.equals("/subscriptions") && method.equals("POST")) {
      return create(JSON.readTree(request));
    }
    Matcher one = ONE.matcher(rest);
    if (one.matches()) {
      String id = one.group(1);
      return switch (method) {
        case "GET" -> get(id);
        case "PATCH" -> renew(id, ifMatch, JSON.readTree(request));
        case "DELETE" -> delete(id, ifMatch);
        default -> error(405, "BadRequest_MethodNotAllowed", method);
      };
    }
    return error(404, "BadRequest_NotFound", "No such resource");
  }

  private synchronized String companiesJson() {
    List<Map<String, Object>> value = new ArrayList<>();
    companies.forEach(
        (id, name) -> {
          Map<String, Object> company = new LinkedHashMap<>();
          company.put("id", id.toString());
          company.put("name", name);
          company.put("displayName", name);
          value.add(company);
        });
    return json(Map.of("value", value));
  }

  private synchronized String list() {
    return json(Map.of("value", subscriptions.values().stream().map(this::entity).toList()));
  }

  private Answer create(JsonNode body) {
    String url = body.path("notificationUrl").asText("");
    String resource = body.path("resource").asText("");
    if (url.isEmpty() || resource.isEmpty()) {
      return error(400, "BadRequest", "notificationUrl and resource are required");
    }
    String failure = handshake(url);
    if (failure != null) {
      return error(400, "BadRequest", "The subscription validation failed: " + failure);
    }
    Sub sub;
    synchronized (this) {
      sub = add(url, resource, body.path("clientState").asText(""));
    }
    return new Answer(201, json(entity(sub)), sub.etag());
  }

  private synchronized Answer get(String id) {
    Sub sub = subscriptions.get(id);
    return sub == null
        ? error(404, "BadRequest_NotFound", "No subscription " + id)
        : new Answer(200, json(entity(sub)), sub.etag());
  }

  private Answer renew(String id, String ifMatch, JsonNode body) {
    Sub current;
    synchronized (this) {
      current = subscriptions.get(id);
    }
    if (current == null) {
      return error(404, "BadRequest_NotFound", "No subscription " + id);
    }
    if (ifMatch == null || !(ifMatch.equals("*") || ifMatch.equals(current.etag()))) {
      return error(412, "Request_EntityChanged", "Another user has already changed the record.");
    }
    String url = body.path("notificationUrl").asText(current.notificationUrl());
    String failure = handshake(url);
    if (failure != null) {
      return error(400, "BadRequest", "The subscription validation failed: " + failure);
    }
    Sub renewed;
    synchronized (this) {
      renewed =
          new Sub(
              id,
              url,
              body.path("resource").asText(current.resource()),
              body.path("clientState").asText(current.clientState()),
              Instant.now().plus(Duration.ofDays(3)),
              current.version() + 1);
      subscriptions.put(id, renewed);
    }
    return new Answer(200, json(entity(renewed)), renewed.etag());
  }

  private synchronized Answer delete(String id, String ifMatch) {
    Sub current = subscriptions.get(id);
    if (current == null) {
      return error(404, "BadRequest_NotFound", "No subscription " + id);
    }
    if (ifMatch == null || !(ifMatch.equals("*") || ifMatch.equals(current.etag()))) {
      return error(412, "Request_EntityChanged", "Another user has already changed the record.");
    }
    subscriptions.remove(id);
    return new Answer(204, null, null);
  }

  /** Calls the notification URL as Business Central does; null when it echoed the token. */
  private String handshake(String notificationUrl) {
    String token = UUID.randomUUID().toString();
    String expected = tamperHandshake ? "something else" : token;
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(notificationUrl + "?validationToken=" + token))
                  .timeout(Duration.ofSeconds(5))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return "the notification URL answered " + response.statusCode();
      }
      return response.body().equals(expected)
          ? null
          : "the notification URL did not echo the validationToken";
    } catch (IOException e) {
      return "the notification URL could not be reached";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private Map<String, Object> entity(Sub sub) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("@odata.etag", sub.etag());
    json.put("subscriptionId", sub.id());
    json.put("notificationUrl", sub.notificationUrl());
    json.put("resource", sub.resource());
    json.put("userId", "00000000-0000-0000-0000-000000000001");
    json.put("lastModifiedDateTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    json.put("clientState", sub.clientState());
    json.put("expirationDateTime", sub.expires().truncatedTo(ChronoUnit.MILLIS).toString());
    return json;
  }

  private static Answer error(int status, String code, String message) {
    return new Answer(
        status, json(Map.of("error", Map.of("code", code, "message", message))), null);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Answer(int status, String body, String etag) {}
}
