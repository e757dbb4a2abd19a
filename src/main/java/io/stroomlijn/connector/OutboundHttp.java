package io.stroomlijn.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client of the Teams and HTTP actions: connections are reused across runs, and a
 * failure to reach the peer becomes a {@link ConnectorException} naming what was being reached,
 * with the description the caller gives (never the URL of a secret webhook).
 *
 * <p>Redirects are followed here, not by the {@link HttpClient}: it would carry the request's
 * headers, {@code Authorization} included, to wherever a {@code Location} points. A redirect within
 * the request's {@link Origin} is followed (up to {@value #MAX_REDIRECTS} times); one to another
 * origin is a failure that names only that origin, so credentials and webhook secrets stay where
 * they were meant to go.
 */
@Component
public class OutboundHttp {

  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length");

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * Sends the request and follows redirects within its origin; {@code target} says what is being
   * reached, for the incident message.
   */
  public HttpResponse<String> send(HttpRequest request, String target) {
    Origin origin = Origin.of(request.uri());
    HttpRequest current = request;
    for (int redirects = 0; ; redirects++) {
      HttpResponse<String> response = exchange(current, target);
      Optional<String> location = response.headers().firstValue("Location");
      if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
        return response;
      }
      if (redirects == MAX_REDIRECTS) {
        throw new ConnectorException(
            target + " was redirected more than " + MAX_REDIRECTS + " times");
      }
      URI next = next(current.uri(), location.get(), target);
      Origin elsewhere = Origin.of(next);
      if (!elsewhere.equals(origin)) {
        throw new ConnectorException(
            target
                + " was redirected to "
                + elsewhere
                + ", another origin than "
                + origin
                + ": not followed, so that nothing meant for "
                + origin
                + " goes there");
      }
      current = redirected(current, next, response.statusCode());
    }
  }

  private HttpResponse<String> exchange(HttpRequest request, String target) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ConnectorException(target + " did not answer within " + timeout(request));
    } catch (IOException e) {
      throw new ConnectorException(
          target + " could not be reached: " + (e.getMessage() == null ? e : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(target + ": interrupted while waiting for the answer", e);
    }
  }

  /** Where a Location points; its text is not shown, as it may carry a secret of its own. */
  private static URI next(URI from, String location, String target) {
    try {
      return from.resolve(location.strip()).normalize();
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(target + " was redirected to an invalid address");
    }
  }

  /** The request again for a new address, with the method change HTTP prescribes per status. */
  private static HttpRequest redirected(HttpRequest request, URI next, int status) {
    String method = request.method().toUpperCase(Locale.ROOT);
    boolean toGet =
        status == 303 && !method.equals("HEAD")
            || (status == 301 || status == 302) && method.equals("POST");
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                request,
                (name, value) -> !toGet || !BODY_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
            .uri(next);
    if (toGet) {
      builder.GET();
    }
    return builder.build();
  }

  private static String timeout(HttpRequest request) {
    return request.timeout().map(Duration::toString).orElse("the connect timeout");
  }

  /** The start of a response body, for messages. */
  public static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
  }
}
