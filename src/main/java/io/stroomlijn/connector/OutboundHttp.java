package io.stroomlijn.connector;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client of the Teams and HTTP actions: connections are reused across runs, and a
 * failure to reach the peer becomes a {@link ConnectorException} naming what was being reached,
 * with the description the caller gives (never the URL of a secret webhook).
 */
@Component
public class OutboundHttp {

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /** Sends the request; {@code target} says what is being reached, for the incident message. */
  public HttpResponse<String> send(HttpRequest request, String target) {
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
