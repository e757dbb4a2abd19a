package io.stroomlijn.connector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ConnectorException;
import io.stroomlijn.connector.OutboundHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Sends the HTTP action's requests and says what the answer means: the request goes where its
 * connection admits, with the connection's credentials ({@link HttpServices}); 408, 429 and 5xx
 * answers, timeouts and unreachable hosts are technical failures ({@link ConnectorException}: the
 * job retries), any other 4xx an answer the flow handles ({@link Answer#refused()}).
 */
@Component
class HttpCalls {

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Set<Integer> RETRYABLE_4XX = Set.of(408, 429);

  private final HttpServices services;
  private final OutboundHttp http;
  private final ObjectMapper json;

  HttpCalls(HttpServices services, OutboundHttp http, ObjectMapper json) {
    this.services = services;
    this.http = http;
    this.json = json;
  }

  /**
   * An answer that is not a technical failure.
   *
   * @param result {@code {status, headers, body}}, the body parsed when it is JSON
   * @param refused whether it is a 4xx answer
   * @param summary what was called and what it answered, for the BPMN error of a 4xx
   */
  record Answer(Map<String, Object> result, boolean refused, String summary) {}

  /** Sends the call; a technical failure is a {@link ConnectorException}. */
  Answer send(HttpCall call) {
    String method = call.method().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw ActionInputs.problem(
          call.task(), HttpCall.METHOD, "'" + method + "' is not one of " + METHODS);
    }
    URI uri = services.resolve(call.connection(), call.url());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(call.timeout()).method(method, body(call));
    call.headers().forEach((name, value) -> request.header(name, String.valueOf(value)));
    if (call.body() != null
        && call.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      request.header("Content-Type", "application/json");
    }
    services.authenticate(call.connection(), request);

    String target =
        method
            + " "
            + HttpServices.shown(uri)
            + (call.connection() == null ? "" : " (connection '" + call.connection() + "')");
    HttpResponse<String> response = http.send(request.build(), target);
    int status = response.statusCode();
    String summary = target + " answered " + status + ": " + OutboundHttp.excerpt(response.body());
    if (status >= 500 || RETRYABLE_4XX.contains(status)) {
      throw new ConnectorException(summary);
    }
    return new Answer(result(response), status >= 400, summary);
  }

  private HttpRequest.BodyPublisher body(HttpCall call) {
    Object body = call.body();
    if (body == null || body instanceof String text && text.isBlank()) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (body instanceof String text) {
      return HttpRequest.BodyPublishers.ofString(text);
    }
    try {
      return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw ActionInputs.problem(
          call.task(), HttpCall.BODY, "cannot be written as JSON: " + e.getMessage());
    }
  }

  private Map<String, Object> result(HttpResponse<String> response) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", response.statusCode());
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach((name, values) -> headers.put(name, String.join(", ", values)));
    result.put("headers", headers);
    result.put("body", parsed(response));
    return result;
  }

  private Object parsed(HttpResponse<String> response) {
    String body = response.body();
    boolean isJson =
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .toLowerCase(Locale.ROOT)
            .contains("json");
    if (!isJson || body == null || body.isBlank()) {
      return body;
    }
    try {
      return json.readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      return body;
    }
  }
}
