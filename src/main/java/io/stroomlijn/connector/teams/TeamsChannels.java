package io.stroomlijn.connector.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stroomlijn.connector.AtCommit;
import io.stroomlijn.connector.ConnectionSettings;
import io.stroomlijn.connector.ConnectionsProperties;
import io.stroomlijn.connector.ConnectorException;
import io.stroomlijn.connector.OutboundHttp;
import io.stroomlijn.connector.UnknownConnectionException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Teams channels of {@code stroomlijn.connections.teams}: messages go to a channel's incoming
 * webhook as one Adaptive Card attachment, the format both the classic connector webhooks and the
 * Workflows webhooks of Teams accept. The webhook URL is a secret and appears in no message.
 */
@Component
public class TeamsChannels {

  private static final Logger log = LoggerFactory.getLogger(TeamsChannels.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ConnectionsProperties connections;
  private final OutboundHttp http;
  private final ObjectMapper json;

  TeamsChannels(ConnectionsProperties connections, OutboundHttp http, ObjectMapper json) {
    this.connections = connections;
    this.http = http;
    this.json = json;
  }

  /** A message ready to post to a channel; an unknown channel fails here, before anything. */
  HttpRequest message(String connection, JsonNode card) {
    ConnectionsProperties.Teams channel = connections.teams().get(connection);
    String setting = "stroomlijn.connections.teams." + connection + ".webhook-url";
    if (channel == null || channel.webhookUrl() == null || channel.webhookUrl().isBlank()) {
      throw new UnknownConnectionException("Teams", connection, setting);
    }
    // Checked at start-up too; URI.create would put the whole secret URL into its message.
    URI webhook = ConnectionSettings.url(setting, channel.webhookUrl());
    ObjectNode message = json.createObjectNode().put("type", "message");
    message
        .putArray("attachments")
        .addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive")
        .putNull("contentUrl")
        .set("content", card);
    return HttpRequest.newBuilder(webhook)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(message.toString()))
        .build();
  }

  /**
   * Posts a message; a refusal by Teams is a {@link ConnectorException} naming the channel. A
   * redirect to another origin is not followed (see {@link OutboundHttp}): the message would go to
   * a host nobody configured.
   */
  void post(String connection, HttpRequest message, String what) {
    String target = "Teams connection '" + connection + "'";
    HttpResponse<String> response = http.send(message, target);
    if (response.statusCode() >= 300) {
      throw new ConnectorException(
          target
              + " refused "
              + what
              + ": HTTP "
              + response.statusCode()
              + " "
              + OutboundHttp.excerpt(response.body()));
    }
  }

  /**
   * Posts a notification once the current transaction has committed; a channel that cannot be
   * reached is logged and holds nothing up.
   */
  public void notifyAfterCommit(String connection, String text) {
    HttpRequest message = message(connection, textCard(text));
    AtCommit.afterCommit(
        () -> {
          try {
            post(connection, message, "a notification");
          } catch (ConnectorException e) {
            log.warn("{}", e.getMessage());
          }
        });
  }

  /** An Adaptive Card with one text block (Markdown allowed). */
  ObjectNode textCard(String text) {
    ObjectNode card =
        json.createObjectNode()
            .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
            .put("type", "AdaptiveCard")
            .put("version", "1.4");
    card.putArray("body").addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    return card;
  }
}
