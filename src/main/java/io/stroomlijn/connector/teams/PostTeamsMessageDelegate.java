package io.stroomlijn.connector.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.connector.AtCommit;
import java.net.http.HttpRequest;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Action "Post a message in Teams" through a channel's incoming webhook. Inputs: {@code connection}
 * (a channel of {@code stroomlijn.connections.teams}), {@code message} (text, Markdown allowed)
 * and/or {@code adaptiveCard} (an Adaptive Card as JSON, which replaces the text card; the values
 * of its {@code ${...}} expressions are JSON-encoded).
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

  private final TeamsChannels channels;
  private final ObjectMapper json;

  PostTeamsMessageDelegate(TeamsChannels channels, ObjectMapper json) {
    this.channels = channels;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String connection = ActionInputs.text(execution, CONNECTION);
    HttpRequest message = channels.message(connection, card(execution));
    String what = "the message of task " + execution.getCurrentActivityId();
    AtCommit.run(() -> channels.post(connection, message, what));
  }

  /** The author's Adaptive Card, or a card with the message text. */
  private JsonNode card(DelegateExecution execution) {
    String text = ActionInputs.optionalText(execution, MESSAGE, null);
    String cardJson = ActionInputs.optionalJson(execution, ADAPTIVE_CARD);
    if (text == null && cardJson == null) {
      throw ActionInputs.problem(execution, MESSAGE, "is required (or give an adaptiveCard)");
    }
    return cardJson != null ? parseCard(execution, cardJson) : channels.textCard(text);
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
}
