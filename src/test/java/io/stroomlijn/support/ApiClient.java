package io.stroomlijn.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A real HTTP client for the running application, as an API user would call it. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  private ApiClient(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** A client that logs in with HTTP Basic. */
  public static ApiClient as(int port, String user, String password) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new ApiClient("http://localhost:" + port, "Basic " + token);
  }

  /** A client that sends no credentials. */
  public static ApiClient anonymous(int port) {
    return new ApiClient("http://localhost:" + port, null);
  }

  public Response get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public Response post(String path, Object body, String... headers) {
    return send("POST", path, body, headers);
  }

  public Response patch(String path, Object body, String... headers) {
    return send("PATCH", path, body, headers);
  }

  public Response delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /**
   * Sends a request; {@code body} is a JSON string as is, or any other object written as JSON;
   * {@code headers} come in name, value pairs.
   */
  public Response send(String method, String path, Object body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      boolean typed = false;
      for (int i = 0; i < headers.length; i += 2) {
        typed |= headers[i].equalsIgnoreCase("Content-Type");
      }
      if (!typed) {
        request.header("Content-Type", "application/json");
      }
      request.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Query options, URL-encoded: {@code query("$filter", "city eq 'Utrecht'")}. */
  public static String query(String... nameValuePairs) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      options.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return "?"
        + options.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                            .replace("+", "%20"))
            .collect(Collectors.joining("&"));
  }

  private static String json(Object body) {
    if (body instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response with its body parsed as JSON where it is JSON. */
  public record Response(int status, HttpHeaders headers, String body) {

    public JsonNode json() {
      if (body == null || body.isBlank()) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(body);
      } catch (IOException notJson) {
        throw new AssertionError("Not JSON (" + status + "): " + body, notJson);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The error code of a Business Central style error body. */
    public String errorCode() {
      return json().path("error").path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
