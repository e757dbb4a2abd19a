package io.stroomlijn.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Business Central online as a connector sees it, played by Stroomlijn's own embedded ERP (which
 * speaks API v2.0 and its webhook protocol): an OAuth2 client-credentials token endpoint, and the
 * API behind it that accepts only the bearer tokens it issued. Each API request goes on to the
 * embedded ERP with a service login; addresses in the answers (such as {@code @odata.nextLink}) are
 * rewritten to this tenant's own, as Business Central's point at itself. It counts what the
 * connector asks: requests, the most at a time, the most within one window.
 */
public final class BusinessCentralTenant implements AutoCloseable {

  /** The client id and secret the token endpoint accepts. */
  public static final String CLIENT_ID = "stroomlijn-round-trip";

  public static final String CLIENT_SECRET = "round-trip-secret-value";

  private static final Set<String> FORWARDED =
      Set.of("content-type", "accept", "if-match", "isolation", "prefer", "odata-version");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String erp;
  private final String serviceLogin;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final AtomicLong apiRequests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final Deque<Long> starts = new ArrayDeque<>();
  private final Duration window;
  private int peakInWindow;

  /**
   * @param erpPort the port of the embedded ERP that plays the tenant
   * @param user a user of that ERP who may read and change its records
   * @param password that user's password
   * @param window the window whose busiest stretch {@link #peakInWindow()} reports
   */
  public BusinessCentralTenant(int erpPort, String user, String password, Duration window)
      throws IOException {
    this.erp = "http://127.0.0.1:" + erpPort;
    this.serviceLogin =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.window = window;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  /** This tenant's origin, such as {@code http://127.0.0.1:41234}. */
  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The settings that point a Business Central connector at this tenant. */
  public List<String> connectorSettings() {
    return List.of(
        "stroomlijn.erp.connector=business-central",
        "stroomlijn.business-central.tenant-id=round-trip",
        "stroomlijn.business-central.environment=production",
        "stroomlijn.business-central.client-id=" + CLIENT_ID,
        "stroomlijn.business-central.client-secret=" + CLIENT_SECRET,
        "stroomlijn.business-central.api-url=" + origin() + "/api/v2.0",
        "stroomlijn.business-central.token-url=" + origin() + "/round-trip/oauth2/v2.0/token");
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  public long apiRequests() {
    return apiRequests.get();
  }

  public int peakInFlight() {
    return peakInFlight.get();
  }

  /** The most API requests that started within any one window. */
  public synchronized int peakInWindow() {
    return peakInWindow;
  }

  public synchronized void resetCounts() {
    apiRequests.set(0);
    peakInFlight.set(0);
    starts.clear();
    peakInWindow = 0;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/oauth2/v2.0/token")) {
        token(exchange);
      } else if (path.startsWith("/api/")) {
        api(exchange);
      } else {
        answer(exchange, 404, "application/json", "{\"error\":{\"code\":\"NotFound\"}}");
      }
    }
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(read(exchange.getRequestBody()));
    if (!"client_credentials".equals(form.get("grant_type"))
        || !CLIENT_ID.equals(form.get("client_id"))
        || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      answer(
          exchange,
          401,
          "application/json",
          "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
              + " secret provided.\"}");
      return;
    }
    String token = "rt-" + tokensIssued.incrementAndGet() + "-" + System.nanoTime();
    issued.add(token);
    answer(
        exchange,
        200,
        "application/json",
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + token + "\"}");
  }

  private void api(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null
        || !authorization.startsWith("Bearer ")
        || !issued.contains(authorization.substring(7))) {
      answer(
          exchange,
          401,
          "application/json",
          "{\"error\":{\"code\":\"Authentication_InvalidCredentials\",\"message\":\"The server"
              + " has rejected the client credentials.\"}}");
      return;
    }
    started();
    try {
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(URI.create(erp + exchange.getRequestURI().toString()))
              .timeout(Duration.ofMinutes(2))
              .header("Authorization", serviceLogin);
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (FORWARDED.contains(name.toLowerCase())) {
                  values.forEach(value -> forward.header(name, value));
                }
              });
      byte[] body = exchange.getRequestBody().readAllBytes();
      forward.method(
          exchange.getRequestMethod(),
          body.length == 0
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      HttpResponse<String> response =
          client.send(forward.build(), HttpResponse.BodyHandlers.ofString());
      String text =
          response
              .body()
              .replace("http://127.0.0.1:" + erpPort(), origin())
              .replace("http://localhost:" + erpPort(), origin());
      response
          .headers()
          .firstValue("ETag")
          .ifPresent(etag -> exchange.getResponseHeaders().add("ETag", etag));
      answer(
          exchange,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse("application/json"),
          text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(exchange, 503, "application/json", "{}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private synchronized void started() {
    apiRequests.incrementAndGet();
    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    long now = System.nanoTime();
    starts.addLast(now);
    while (!starts.isEmpty() && now - starts.peekFirst() > window.toNanos()) {
      starts.removeFirst();
    }
    peakInWindow = Math.max(peakInWindow, starts.size());
  }

  private int erpPort() {
    return URI.create(erp).getPort();
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if (status == 204 || bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new java.util.HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
