package io.stroomlijn.erp.embedded.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP peer for webhook tests on a free loopback port: it answers the validation handshake
 * (or refuses it), answers notifications with the statuses it is told (200 by default) and keeps
 * every notification it received.
 */
final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<String> handshakes = new CopyOnWriteArrayList<>();
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
  private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
  private final AtomicInteger received = new AtomicInteger();
  private volatile boolean echoToken = true;
  private volatile boolean keepBodies = true;

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", this::handle);
    server.start();
  }

  /** {@code http://localhost:<port>/hook?secret=s3cr3t}: a query the handshake must keep. */
  String url() {
    return "http://localhost:" + server.getAddress().getPort() + "/hook?secret=s3cr3t";
  }

  /** Answers the next notifications with these statuses, then 200 again. */
  void answer(Integer... next) {
    statuses.addAll(List.of(next));
  }

  /** Answers handshakes with a wrong token from now on. */
  void refuseHandshakes() {
    echoToken = false;
  }

  List<String> handshakes() {
    return handshakes;
  }

  /** Every notification received with a 2xx answer, each flattened from its {@code value}. */
  List<JsonNode> notifications() {
    List<JsonNode> all = new ArrayList<>();
    notifications.forEach(body -> body.get("value").forEach(all::add));
    return all;
  }

  /** For many notifications: count them and note when each resource was first notified only. */
  void keepTimesOnly() {
    keepBodies = false;
  }

  /** When ({@link System#nanoTime()}) each resource was first notified. */
  Map<String, Long> receivedAt() {
    return receivedAt;
  }

  /** Notifications received with a 2xx answer, duplicates included. */
  int received() {
    return received.get();
  }

  /** Requests with notifications, whatever they were answered. */
  int attempts() {
    return attempts.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String token = token(exchange.getRequestURI().getRawQuery());
      if (token != null) {
        handshakes.add(token);
        reply(exchange, 200, echoToken ? token : "not-the-token");
        return;
      }
      attempts.incrementAndGet();
      Integer status = statuses.poll();
      int answer = status == null ? 200 : status;
      if (answer / 100 == 2) {
        long now = System.nanoTime();
        JsonNode json = JSON.readTree(body);
        if (keepBodies) {
          notifications.add(json);
        }
        json.get("value")
            .forEach(
                n -> {
                  received.incrementAndGet();
                  receivedAt.putIfAbsent(n.get("resource").asText(), now);
                });
      }
      reply(exchange, answer, "");
    }
  }

  private static String token(String query) {
    if (query == null) {
      return null;
    }
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("validationToken=")) {
        return URLDecoder.decode(
            parameter.substring("validationToken=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
