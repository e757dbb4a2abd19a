package io.stroomlijn.erp.businesscentral.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stroomlijn.erp.businesscentral.BusinessCentralHttp;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Business Central's webhook subscriptions API ({@code {api-url}/subscriptions}) through the
 * throttled, token-carrying {@link BusinessCentralHttp}. Creating and renewing make Business
 * Central call {@code notification-url} with a {@code validationToken} before it answers.
 */
@ConditionalOnBusinessCentral
@Component
class BusinessCentralSubscriptions {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final BusinessCentralHttp http;
  private final String apiUrl;
  private final URI apiUri;
  private final URI notificationUrl;
  private final ObjectMapper json = new ObjectMapper();

  BusinessCentralSubscriptions(BusinessCentralProperties properties, BusinessCentralHttp http) {
    this.http = http;
    String api = properties.apiUrl().toString();
    this.apiUrl = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    this.apiUri = properties.apiUrl();
    this.notificationUrl = properties.notificationUrl();
  }

  /** The resource to subscribe to for a watched set, {@code /api/v2.0/companies(<id>)/<set>}. */
  String resource(WatchedSet.Key key) {
    return key.resource(apiUri);
  }

  /** The notification URL subscriptions are created with. */
  URI notificationUrl() {
    return notificationUrl;
  }

  /** Every subscription Business Central shows us, ours and others'. */
  List<Subscription> list() {
    List<Subscription> subscriptions = new ArrayList<>();
    URI next = URI.create(apiUrl + "/subscriptions");
    while (next != null) {
      JsonNode page =
          answer(http.send("GET", next, null, Map.of()), "list the subscriptions", null);
      for (JsonNode entry : page.path("value")) {
        subscriptions.add(subscription(entry, null));
      }
      JsonNode link = page.path("@odata.nextLink");
      next = link.isTextual() ? URI.create(apiUrl + "/").resolve(link.asText()) : null;
    }
    return subscriptions;
  }

  /** Creates a subscription; Business Central makes the handshake before it answers 201. */
  Subscription create(WatchedSet.Key key, String clientState) {
    BusinessCentralHttp.Response response =
        http.send("POST", URI.create(apiUrl + "/subscriptions"), body(key, clientState), Map.of());
    Subscription created =
        subscription(answer(response, "create the subscription", clientState), response);
    if (created.id() == null) {
      throw new SubscriptionRefusedException(
          response.status(),
          "Business Central created a subscription but its answer named no valid subscriptionId");
    }
    return created;
  }

  /** Renews a subscription with its etag; Business Central makes the handshake again. */
  Subscription renew(String id, String etag, WatchedSet.Key key, String clientState) {
    BusinessCentralHttp.Response response =
        http.send("PATCH", one(id), body(key, clientState), Map.of("If-Match", etag(etag)));
    Subscription renewed =
        subscription(answer(response, "renew the subscription " + id, clientState), response);
    return new Subscription(
        id,
        renewed.notificationUrl(),
        renewed.resource(),
        renewed.clientState(),
        renewed.expiresAt(),
        renewed.etag());
  }

  /** One subscription, or empty when Business Central no longer has it. */
  Optional<Subscription> get(String id) {
    BusinessCentralHttp.Response response = http.send("GET", one(id), null, Map.of());
    if (response.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(
        subscription(answer(response, "read the subscription " + id, null), response));
  }

  /** Deletes a subscription; one Business Central no longer has counts as deleted. */
  void delete(String id, String etag) {
    BusinessCentralHttp.Response response =
        http.send("DELETE", one(id), null, Map.of("If-Match", etag(etag)));
    if (response.status() != 404) {
      answer(response, "delete the subscription " + id, null);
    }
  }

  private URI one(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new SubscriptionRefusedException(0, "'" + id + "' is not a subscription id");
    }
    return URI.create(apiUrl + "/subscriptions('" + id + "')");
  }

  private String body(WatchedSet.Key key, String clientState) {
    ObjectNode body = json.createObjectNode();
    body.put("notificationUrl", notificationUrl.toString());
    body.put("resource", resource(key));
    body.put("clientState", clientState);
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a subscription request", e);
    }
  }

  private static String etag(String etag) {
    return etag == null || etag.isBlank() ? "*" : etag;
  }

  /** The answer's body, or the refusal with Business Central's code and message. */
  private JsonNode answer(BusinessCentralHttp.Response response, String what, String clientState) {
    JsonNode body = parse(response.body());
    if (response.status() >= 200 && response.status() < 300) {
      return body;
    }
    JsonNode error = body.path("error");
    String code = error.path("code").asText("");
    String message = error.path("message").asText("");
    StringBuilder text =
        new StringBuilder("Business Central refused to ")
            .append(what)
            .append(" (HTTP ")
            .append(response.status());
    if (!code.isBlank()) {
      text.append(", ").append(code.replaceAll("[^A-Za-z0-9_.-]", ""));
    }
    text.append(")");
    if (!message.isBlank()) {
      text.append(": ").append(scrub(message, clientState));
    }
    return throwing(new SubscriptionRefusedException(response.status(), text.toString()));
  }

  /** Business Central's message, without the client state should it quote it. */
  private static String scrub(String message, String clientState) {
    String text = message.replaceAll("\\p{Cntrl}", " ");
    if (clientState != null && !clientState.isEmpty()) {
      text = text.replace(clientState, "(clientState)");
    }
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private Subscription subscription(JsonNode entry, BusinessCentralHttp.Response response) {
    String id = entry.path("subscriptionId").asText(null);
    String etag = entry.path("@odata.etag").asText(null);
    if (etag == null && response != null) {
      etag = response.headers().firstValue("ETag").orElse(null);
    }
    return new Subscription(
        id != null && ID.matcher(id).matches() ? id : null,
        entry.path("notificationUrl").asText(null),
        entry.path("resource").asText(null),
        entry.path("clientState").asText(null),
        time(entry.path("expirationDateTime").asText(null)),
        etag);
  }

  private static OffsetDateTime time(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (JsonProcessingException e) {
      return json.createObjectNode();
    }
  }

  private static JsonNode throwing(RuntimeException e) {
    throw e;
  }
}
