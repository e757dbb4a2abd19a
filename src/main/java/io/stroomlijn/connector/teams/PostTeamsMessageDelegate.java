package io.stroomlijn.connector.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.connector.AtCommit;
import io.stroomlijn.connector.ConnectionsProperties;
import io.stroomlijn.connector.ConnectorException;
import io.stroomlijn.connector.OutboundHttp;
import io.stroomlijn.connector.UnknownConnectionException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Action "Post a message in Teams" through a channel's incoming webhook. Inputs: {@code connection}
 * (a channel of {@code stroomlijn.connections.teams}), {@code message} (text, Markdown allowed)
 * and/or {@code adaptiveCard} (an Adaptive Card as JSON, which replaces the text card).
 *
 * <p>The message goes out as an Adaptive Card attachment, the format both the classic connector
 * webhooks and the Workflows webhooks of Teams accept. It is posted when the step's transaction is
 * about to commit, so a retry never posts it twice. A refusal by Teams (a malformed card, a removed
 * webhook) is a fault to fix in the flow or the configuration, so it is an incident too.
 */
@ActionTemplate(
    id = "io.stroomlijn.teams.PostMessage",
    required = {"connection"},
    optional = {"message", "adaptiveCard"})
@Component
public class PostTeamsMessageDelegate implements JavaDelegate {

  static final String CONNECTION = "connection";
  static final String MESSAGE = "message";
  static final String ADAPTIVE_CARD = "adaptiveCard";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ConnectionsProperties connections;
  private final OutboundHttp http;
  private final ObjectMapper json;

  PostTeamsMessageDelegate(
      ConnectionsProperties connections, OutboundHttp http, ObjectMapper json) {
    this.connections = connections;
    this.http = http;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String name = ActionInputs.text(execution, CONNECTION);
    ConnectionsProperties.Teams channel = connections.teams().get(name);
    if (channel == null || channel.webhookUrl() == null || channel.webhookUrl().isBlank()) {
      throw new UnknownConnectionException(
          "Teams", name, "stroomlijn.connections.teams." + name + ".webhook-url");
    }
    String payload = payload(execution);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(channel.webhookUrl()))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build();
    String target = "Teams connection '" + name + "'";
    String task = execution.getCurrentActivityId();
    AtCommit.run(() -> post(request, target, task));
  }

  private void post(HttpRequest request, String target, String task) {
    HttpResponse<String> response = http.send(request, target);
    if (response.statusCode() >= 300) {
      throw new ConnectorException(
          target
              + " refused the message of task "
              + task
              + ": HTTP "
              + response.statusCode()
              + " "
              + OutboundHttp.excerpt(response.body()));
    }
  }

  /** The webhook's JSON: a message with one Adaptive Card attachment. */
  private String payload(DelegateExecution execution) {
    String text = ActionInputs.optionalText(execution, MESSAGE, null);
    String cardJson = ActionInputs.optionalText(execution, ADAPTIVE_CARD, null);
    if (text == null && cardJson == null) {
      throw ActionInputs.problem(execution, MESSAGE, "is required (or give an adaptiveCard)");
    }
    JsonNode card = cardJson != null ? parseCard(execution, cardJson) : textCard(text);
    ObjectNode message = json.createObjectNode().put("type", "message");
    ArrayNode attachments = message.putArray("attachments");
    attachments
        .addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive")
        .putNull("contentUrl")
        .set("content", card);
    return message.toString();
  }

  private JsonNode parseCard(DelegateExecution execution, String cardJson) {
    try {
      JsonNode card = json.readTree(cardJson);
      if (!card.isObject() || !"AdaptiveCard".equals(card.path("type").asText())) {
        throw ActionInputs.problem(
            execution, ADAPTIVE_CARD, "must be a JSON object with \"type\": \"AdaptiveCard\"");
      }
      return card;
    } catch (JsonProcessingException e) {
      throw ActionInputs.problem(
          execution, ADAPTIVE_CARD, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private ObjectNode textCard(String text) {
    ObjectNode card =
        json.createObjectNode()
            .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
            .put("type", "AdaptiveCard")
            .put("version", "1.4");
    card.putArray("body").addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    return card;
  }
}
