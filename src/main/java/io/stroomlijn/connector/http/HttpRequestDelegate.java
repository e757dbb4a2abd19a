package io.stroomlijn.connector.http;

import static io.stroomlijn.connector.http.HttpCall.*;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.flow.JsonVariables;
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
 * technical failures that retry ({@link HttpCalls}).
 */
@ActionTemplate(
    id = "io.stroomlijn.http.Request",
    required = {URL},
    optional = {METHOD, HEADERS, BODY, CONNECTION, TIMEOUT, ActionInputs.RESULT_VARIABLE})
@Component
public class HttpRequestDelegate implements JavaDelegate {

  static final String HTTP_4XX = "HTTP_4XX";

  private final HttpCalls calls;

  HttpRequestDelegate(HttpCalls calls) {
    this.calls = calls;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HttpCalls.Answer answer =
        calls.send(
            new HttpCall(
                execution.getCurrentActivityId(),
                ActionInputs.optionalText(execution, METHOD, "GET"),
                ActionInputs.text(execution, URL),
                ActionInputs.optionalMap(execution, HEADERS),
                body(execution),
                ActionInputs.optionalText(execution, CONNECTION, null),
                ActionInputs.optionalDuration(execution, TIMEOUT, DEFAULT_TIMEOUT)));
    String resultVariable =
        ActionInputs.optionalText(execution, ActionInputs.RESULT_VARIABLE, null);
    if (resultVariable != null) {
      execution.setVariable(resultVariable, JsonVariables.json(answer.result()));
    }
    if (answer.refused()) {
      throw new BpmnError(HTTP_4XX, answer.summary());
    }
  }

  /** Text with its {@code ${...}} rendered as JSON values, or the map or list as it is. */
  private static Object body(DelegateExecution execution) {
    Object body = execution.getVariableLocal(BODY);
    return body instanceof String text && !text.isBlank()
        ? ActionInputs.optionalJson(execution, BODY)
        : body;
  }
}
