package io.stroomlijn.erp.businesscentral;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests to Business Central's API within its operational limits: at most {@code
 * max-concurrent-requests} in flight and {@code max-requests-per-window} started per sliding
 * window, callers served in arrival order. A 429, 503 or 504 is retried after its {@code
 * Retry-After} (or an exponential backoff) up to {@code max-attempts} times, and a 429 holds back
 * every request until its {@code Retry-After} has passed. A 401 fetches a new token once.
 *
 * <p>The bearer token goes only to the origin of {@code api-url}: a request elsewhere is refused
 * before it is sent, and redirects are never followed.
 */
public class BusinessCentralHttp {

  /** Longest wait for one retry, whatever {@code Retry-After} asks for. */
  static final Duration MAX_RETRY_WAIT = Duration.ofMinutes(5);

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(9);

  private final BusinessCentralProperties properties;
  private final BusinessCentralTokens tokens;
  private final HttpClient client;
  private final Duration backoff;
  private final String origin;
  private final Semaphore concurrent;
  private final RequestWindow window;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile Instant pausedUntil = Instant.MIN;
  private volatile Instant lastThrottled;

  public BusinessCentralHttp(
      BusinessCentralProperties properties, BusinessCentralTokens tokens, HttpClient client) {
    this(properties, tokens, client, Duration.ofSeconds(1));
  }

  BusinessCentralHttp(
      BusinessCentralProperties properties,
      BusinessCentralTokens tokens,
      HttpClient client,
      Duration backoff) {
    this.properties = properties;
    this.tokens = tokens;
    this.client = client;
    this.backoff = backoff;
    this.origin = BusinessCentralTokens.origin(properties.apiUrl());
    this.concurrent = new Semaphore(properties.maxConcurrentRequests(), true);
    this.window = new RequestWindow(properties.maxRequestsPerWindow(), properties.window());
  }

  /** An answer of Business Central. */
  public record Response(int status, String body, HttpHeaders headers) {}

  /**
   * Sends a request with a JSON body (or none) and extra headers, retrying throttled and
   * unavailable answers; any other answer is returned as it is, for the caller to map.
   */
  public Response send(String method, URI uri, String jsonBody, Map<String, String> headers) {
    requireOrigin(uri);
    boolean renewedToken = false;
    for (int attempt = 1; ; attempt++) {
      waitWhilePaused();
      String token = tokens.token();
      HttpResponse<String> response = exchange(request(method, uri, jsonBody, headers, token));
      int status = response.statusCode();
      if (status == 401 && !renewedToken) {
        tokens.refused(token);
        renewedToken = true;
        attempt--;
        continue;
      }
      if (status == 401) {
        throw new BusinessCentralException(
            "Business Central at "
                + origin
                + " refused a new token (HTTP 401): is the app registered on the page Microsoft"
                + " Entra applications with permission sets? Check "
                + BusinessCentralProperties.PREFIX
                + "client-id");
      }
      if (status >= 300 && status < 400) {
        throw new BusinessCentralException(
            "Business Central at "
                + origin
                + " answered a redirect (HTTP "
                + status
                + "), which is not followed so that the token stays with "
                + origin);
      }
      if (status != 429 && status != 503 && status != 504) {
        return new Response(status, response.body(), response.headers());
      }
      if (status == 504 && method.equals("POST")) {
        // 429 and 503 say the request was not done; a gateway timeout does not. A create or an
        // action that Business Central finished after all would be done twice by a retry.
        throw new BusinessCentralException(
            "Business Central at "
                + origin
                + " answered HTTP 504 (gateway timeout) to POST "
                + uri.getRawPath()
                + "; not sent again, because Business Central may have done it: check before"
                + " retrying");
      }
      Duration wait = retryWait(response.headers(), attempt);
      if (status == 429) {
        lastThrottled = Instant.now();
        pause(wait);
      }
      if (attempt >= properties.maxAttempts()) {
        throw new BusinessCentralException(
            "Business Central at "
                + origin
                + " still answered HTTP "
                + status
                + " after "
                + attempt
                + " attempts of "
                + method
                + " "
                + uri.getRawPath());
      }
      sleep(wait);
    }
  }

  /** Requests in flight now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** The most requests that were ever in flight at once. */
  public int peakInFlight() {
    return peakInFlight.get();
  }

  /** Requests waiting for a free slot in the limits now. */
  public int queued() {
    return waiting.get();
  }

  /** Requests started within the current window. */
  public int usedInWindow() {
    return window.used();
  }

  /** When Business Central last answered 429, if ever since start. */
  public Optional<Instant> lastThrottled() {
    return Optional.ofNullable(lastThrottled);
  }

  private HttpRequest request(
      String method, URI uri, String jsonBody, Map<String, String> headers, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      builder.header("Content-Type", "application/json");
    }
    headers.forEach(builder::header);
    return builder.build();
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    waiting.incrementAndGet();
    try {
      concurrent.acquire();
    } catch (InterruptedException e) {
      waiting.decrementAndGet();
      throw interrupted(e);
    }
    try {
      try {
        window.acquire();
      } finally {
        waiting.decrementAndGet();
      }
      int now = inFlight.incrementAndGet();
      peakInFlight.accumulateAndGet(now, Math::max);
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } finally {
        inFlight.decrementAndGet();
      }
    } catch (InterruptedException e) {
      throw interrupted(e);
    } catch (IOException e) {
      throw new BusinessCentralException(
          "Business Central at "
              + origin
              + " could not be reached: "
              + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()),
          e);
    } finally {
      concurrent.release();
    }
  }

  private void requireOrigin(URI uri) {
    if (!BusinessCentralTokens.origin(uri).equalsIgnoreCase(origin)) {
      throw new BusinessCentralException(
          "A request to "
              + BusinessCentralTokens.origin(uri)
              + " was not sent: the Business Central token goes only to "
              + origin);
    }
  }

  /** {@code Retry-After} in seconds or as an HTTP date, else an exponential backoff. */
  Duration retryWait(HttpHeaders headers, int attempt) {
    Duration wait =
        headers
            .firstValue("Retry-After")
            .flatMap(BusinessCentralHttp::retryAfter)
            .orElseGet(() -> backoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
    return wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait;
  }

  static Optional<Duration> retryAfter(String value) {
    String text = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private synchronized void pause(Duration wait) {
    Instant until = Instant.now().plus(wait);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
  }

  private void waitWhilePaused() {
    Duration wait = Duration.between(Instant.now(), pausedUntil);
    if (!wait.isNegative() && !wait.isZero()) {
      sleep(wait);
    }
  }

  private static void sleep(Duration wait) {
    try {
      TimeUnit.MILLISECONDS.sleep(Math.max(wait.toMillis(), 1));
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private static BusinessCentralException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new BusinessCentralException("Interrupted while waiting for Business Central", e);
  }
}
