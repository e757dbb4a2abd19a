package io.stroomlijn.connector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.connector.ConnectorException;
import io.stroomlijn.connector.OutboundHttp;
import io.stroomlijn.flow.JsonVariables;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Action "Send an HTTP request". Inputs: {@code method} (GET by default), {@code url} (absolute, or
 * relative to the connection's base URL), {@code headers} (a map), {@code body} (a map or list sent
 * as JSON, or text; in text that starts as JSON the values of {@code ${...}} are JSON-encoded),
 * {@code connection} (an HTTP service of {@code stroomlijn.connections.http} whose credentials are
 * added), {@code timeout} (ISO 8601, PT30S by default) and {@code resultVariable}: {@code {status,
 * headers, body}}, the body parsed when it is JSON.
 *
 * <p>A 4xx answer is the BPMN error {@code HTTP_4XX} (the result variable is set first, so the
 * error path can read the answer); 408, 429 and 5xx answers, timeouts and unreachable hosts are
 * technical failures that retry.
 */
@ActionTemplate(
    id = "io.stroomlijn.http.Request",
    required = {"url"},
    optional = {"method", "headers", "body", "connection", "timeout", "resultVariable"})
@Component
public class HttpRequestDelegate implements JavaDelegate {

  static final String METHOD = "method";
  static final String URL = "url";
  static final String HEADERS = "headers";
  static final String BODY = "body";
  static final String CONNECTION = "connection";
  static final String TIMEOUT = "timeout";
  static final String HTTP_4XX = "HTTP_4XX";

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Set<Integer> RETRYABLE_4XX = Set.of(408, 429);

  private final HttpServices services;
  private final OutboundHttp http;
  private final ObjectMapper json;

  HttpRequestDelegate(HttpServices services, OutboundHttp http, ObjectMapper json) {
    this.services = services;
    this.http = http;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String method = ActionInputs.optionalText(execution, METHOD, "GET").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw ActionInputs.problem(execution, METHOD, "'" + method + "' is not one of " + METHODS);
    }
    String connection = ActionInputs.optionalText(execution, CONNECTION, null);
    URI uri = services.resolve(connection, ActionInputs.text(execution, URL));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(ActionInputs.optionalDuration(execution, TIMEOUT, Duration.ofSeconds(30)))
            .method(method, body(execution));
    Map<String, Object> headers = ActionInputs.optionalMap(execution, HEADERS);
    headers.forEach((name, value) -> request.header(name, String.valueOf(value)));
    boolean hasBody = execution.getVariableLocal(BODY) != null;
    if (hasBody && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      request.header("Content-Type", "application/json");
    }
    services.authenticate(connection, request);

    String target =
        method
            + " "
            + HttpServices.shown(uri)
            + (connection == null ? "" : " (connection '" + connection + "')");
    HttpResponse<String> response = http.send(request.build(), target);
    int status = response.statusCode();
    if (status >= 500 || RETRYABLE_4XX.contains(status)) {
      throw new ConnectorException(
          target + " answered " + status + ": " + OutboundHttp.excerpt(response.body()));
    }
    String resultVariable =
        ActionInputs.optionalText(execution, ActionInputs.RESULT_VARIABLE, null);
    if (resultVariable != null) {
      execution.setVariable(resultVariable, JsonVariables.json(result(response)));
    }
    if (status >= 400) {
      throw new BpmnError(
          HTTP_4XX, target + " answered " + status + ": " + OutboundHttp.excerpt(response.body()));
    }
  }

  private HttpRequest.BodyPublisher body(DelegateExecution execution) {
    Object body = execution.getVariableLocal(BODY);
    if (body == null || body instanceof String text && text.isBlank()) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (body instanceof String) {
      return HttpRequest.BodyPublishers.ofString(ActionInputs.optionalJson(execution, BODY));
    }
    try {
      return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw ActionInputs.problem(execution, BODY, "cannot be written as JSON: " + e.getMessage());
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
