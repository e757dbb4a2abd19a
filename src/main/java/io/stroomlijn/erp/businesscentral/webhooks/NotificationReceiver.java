package io.stroomlijn.erp.businesscentral.webhooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Business Central's webhook receiver, {@code /webhooks/business-central}, open without a login:
 *
 * <ul>
 *   <li>The validation handshake ({@code ?validationToken=...}, which Business Central sends while
 *       a subscription is being created or renewed) is answered with the token as plain text, on
 *       any node and without the database.
 *   <li>Notifications are accepted only when every one carries the client state of a watched set
 *       (and its subscription id and resource fit that set); they are stored in the inbox in one
 *       transaction and answered 202 without asking Business Central anything.
 * </ul>
 *
 * Business Central deletes a subscription on any error answer other than 408, 429 or 5xx, so a
 * fault of ours (the database) is a 503, never a 4xx. A refusal stores nothing of the request.
 */
@ConditionalOnBusinessCentral
@RestController
class NotificationReceiver {

  static final String PATH = BusinessCentralProperties.RECEIVER_PATH;
  static final String VALIDATION_TOKEN = "validationToken";
  static final int MAX_VALIDATION_TOKEN = 1000;
  static final int MAX_BODY = 4 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(NotificationReceiver.class);
  private static final int MAX_CLIENT_STATE = 64;
  private static final int MAX_RESOURCE = 2048;
  private static final int MAX_LOGGED = 200;
  private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

  private final WatchedSets watchedSets;
  private final NotificationInbox inbox;
  private final TransactionTemplate transaction;
  private final ObjectProvider<NotificationsStored> listeners;
  private final ObjectReader reader;

  NotificationReceiver(
      WatchedSets watchedSets,
      NotificationInbox inbox,
      TransactionTemplate transaction,
      ObjectProvider<NotificationsStored> listeners,
      ObjectMapper json) {
    this.watchedSets = watchedSets;
    this.inbox = inbox;
    this.transaction = transaction;
    this.listeners = listeners;
    this.reader =
        json.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** The handshake: the token back, as plain text that no browser takes for anything else. */
  @RequestMapping(
      path = PATH,
      method = {RequestMethod.POST, RequestMethod.GET},
      params = VALIDATION_TOKEN)
  ResponseEntity<?> handshake(@RequestParam(VALIDATION_TOKEN) String token) {
    if (token.isEmpty() || token.length() > MAX_VALIDATION_TOKEN) {
      return error(
          HttpStatus.BAD_REQUEST,
          "BadRequest_InvalidValidationToken",
          VALIDATION_TOKEN,
          "'validationToken' must have 1 to " + MAX_VALIDATION_TOKEN + " characters.");
    }
    return ResponseEntity.ok()
        .contentType(TEXT)
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore())
        .body(token);
  }

  @GetMapping(path = PATH, params = "!" + VALIDATION_TOKEN)
  ResponseEntity<?> nothingToValidate() {
    return error(
        HttpStatus.BAD_REQUEST,
        "BadRequest_MissingValidationToken",
        VALIDATION_TOKEN,
        "Business Central posts notifications here; a GET must carry a 'validationToken'.");
  }

  @PostMapping(path = PATH, params = "!" + VALIDATION_TOKEN)
  ResponseEntity<?> notifications(HttpServletRequest request) throws IOException {
    List<Entry> entries;
    try {
      entries = entries(body(request));
    } catch (Refusal refusal) {
      return refusal.answer();
    }
    if (entries.isEmpty()) {
      return ResponseEntity.accepted().build();
    }
    List<Notification> stored;
    try {
      stored = transaction.execute(status -> store(entries));
    } catch (Refusal refusal) {
      return refusal.answer();
    } catch (DataAccessException | TransactionException e) {
      // Business Central retries 5xx; a 4xx would make it delete the subscription.
      log.warn(
          "Business Central notifications could not be stored ({}); asking it to retry",
          e.getMostSpecificCause().toString());
      return status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", "30")
          .body(
              errorBody(
                  "ServiceUnavailable",
                  null,
                  "The notifications could not be stored just now; send them again later."));
    }
    int count = stored == null ? 0 : stored.size();
    if (count > 0) {
      listeners.orderedStream().forEach(listener -> tell(listener, count));
    }
    return ResponseEntity.accepted().build();
  }

  /** Checks every notification against its watched set and stores them all, or none. */
  private List<Notification> store(List<Entry> entries) {
    Set<String> states = new LinkedHashSet<>();
    entries.forEach(entry -> states.add(entry.clientState()));
    Map<String, WatchedSet> byState = new LinkedHashMap<>();
    for (WatchedSet row : watchedSets.withClientStates(states)) {
      byState.put(row.clientState(), row);
    }
    Refusal unauthorized = null;
    Refusal invalid = null;
    List<Notification> notifications = new ArrayList<>();
    Map<WatchedSet.Key, Integer> counts = new LinkedHashMap<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (Entry entry : entries) {
      WatchedSet row = byState.get(entry.clientState());
      String mismatch = mismatch(entry, row);
      if (mismatch != null) {
        if (unauthorized == null) {
          unauthorized = unauthorized(entry, mismatch);
        }
        continue;
      }
      String problem = entry.problem();
      if (problem != null) {
        if (invalid == null) {
          invalid = badRequest(entry.target(problem), entry.describe(problem));
        }
        continue;
      }
      notifications.add(
          new Notification(
              0,
              row.companyId(),
              row.entitySet(),
              ChangeType.of(entry.changeType()).orElseThrow(),
              entry.resource(),
              entry.lastModified(),
              now,
              0));
      counts.merge(row.key(), 1, Integer::sum);
    }
    if (unauthorized != null) {
      throw unauthorized;
    }
    if (invalid != null) {
      throw invalid;
    }
    inbox.store(notifications);
    watchedSets.notified(counts, now);
    return notifications;
  }

  /**
   * Why a notification does not prove itself as the watched set's (null when it does): its client
   * state is compared in constant time, and its subscription and resource must be the set's.
   */
  private static String mismatch(Entry entry, WatchedSet row) {
    if (row == null
        || !MessageDigest.isEqual(
            row.clientState().getBytes(StandardCharsets.UTF_8),
            entry.clientState().getBytes(StandardCharsets.UTF_8))) {
      return "unknown clientState";
    }
    if (row.subscriptionId() != null && !row.subscriptionId().equals(entry.subscriptionId())) {
      return "the clientState belongs to another subscription";
    }
    boolean sameSet =
        NotifiedResource.parse(entry.resource()).map(r -> r.is(row.key())).orElse(true);
    return sameSet ? null : "the clientState belongs to another resource";
  }

  private Refusal unauthorized(Entry entry, String reason) {
    log.warn(
        "Refused Business Central notifications (401, nothing stored): value[{}] with"
            + " subscriptionId {} and resource {}: {}",
        entry.index(),
        loggable(entry.subscriptionId()),
        loggable(entry.resource()),
        reason);
    return new Refusal(
        HttpStatus.UNAUTHORIZED,
        "Unauthorized_ClientState",
        "value[" + entry.index() + "].clientState",
        "The notification's clientState is not that of a subscription of this Stroomlijn;"
            + " nothing was stored.");
  }

  /** The notifications of a body, or the refusal of a body that is not Business Central's. */
  private List<Entry> entries(byte[] body) {
    JsonNode root;
    try {
      root = reader.readTree(body);
    } catch (IOException e) {
      throw badRequest(null, "The body is not JSON.");
    }
    if (root == null || !root.isObject() || !root.path("value").isArray()) {
      throw badRequest(
          "value", "The body must be a JSON object whose 'value' is an array of notifications.");
    }
    List<Entry> entries = new ArrayList<>();
    List<Entry> unproven = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.get("value")) {
      if (!node.isObject()) {
        throw badRequest("value[" + index + "]", "Each notification must be a JSON object.");
      }
      Entry entry = Entry.of(index++, node);
      (entry.clientState() == null ? unproven : entries).add(entry);
    }
    if (!unproven.isEmpty()) {
      throw unauthorized(unproven.get(0), "no clientState");
    }
    return entries;
  }

  private byte[] body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw tooLarge();
    }
    return bytes;
  }

  private static Refusal tooLarge() {
    return new Refusal(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Request_EntityTooLarge",
        null,
        "The body is larger than " + MAX_BODY + " bytes.");
  }

  private static void tell(NotificationsStored listener, int count) {
    try {
      listener.stored(count);
    } catch (RuntimeException e) {
      log.warn("A reader of the notification inbox could not be woken; it polls anyway", e);
    }
  }

  /** Up to 200 printable characters of a value from a request, for a log line. */
  static String loggable(String value) {
    if (value == null) {
      return "(none)";
    }
    String printable = value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    return printable.length() > MAX_LOGGED ? printable.substring(0, MAX_LOGGED) + "..." : printable;
  }

  private static Refusal badRequest(String target, String message) {
    return new Refusal(HttpStatus.BAD_REQUEST, "BadRequest_InvalidNotification", target, message);
  }

  private static ResponseEntity.BodyBuilder status(HttpStatus status) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
  }

  private static ResponseEntity<Map<String, Object>> error(
      HttpStatus status, String code, String target, String message) {
    return status(status).body(errorBody(code, target, message));
  }

  /** Business Central's (and the API's) error shape, {@code {"error":{code,message,target}}}. */
  static Map<String, Object> errorBody(String code, String target, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (target != null) {
      error.put("target", target);
    }
    return Map.of("error", error);
  }

  /**
   * One notification as sent.
   *
   * @param index its place in {@code value}
   * @param subscriptionId its subscriptionId, or null
   * @param clientState its clientState, or null when it has none that could match
   * @param resource its resource, or null
   * @param changeType its changeType, or null
   * @param lastModifiedText its lastModifiedDateTime as sent, or null
   */
  private record Entry(
      int index,
      String subscriptionId,
      String clientState,
      String resource,
      String changeType,
      String lastModifiedText) {

    static Entry of(int index, JsonNode node) {
      String clientState = text(node, "clientState");
      return new Entry(
          index,
          text(node, "subscriptionId"),
          clientState == null || clientState.isEmpty() || clientState.length() > MAX_CLIENT_STATE
              ? null
              : clientState,
          text(node, "resource"),
          text(node, "changeType"),
          text(node, "lastModifiedDateTime"));
    }

    /** The field at fault, or null when the notification is well-formed. */
    String problem() {
      if (resource == null
          || resource.length() > MAX_RESOURCE
          || NotifiedResource.parse(resource).isEmpty()) {
        return "resource";
      }
      if (changeType == null || ChangeType.of(changeType).isEmpty()) {
        return "changeType";
      }
      if (lastModifiedText != null && lastModified() == null) {
        return "lastModifiedDateTime";
      }
      return null;
    }

    String target(String field) {
      return "value[" + index + "]." + field;
    }

    String describe(String field) {
      return switch (field) {
        case "resource" ->
            "'resource' must name an entity set of a company, such as"
                + " api/v2.0/companies(<id>)/customers(<id>).";
        case "changeType" -> "'changeType' must be created, updated, deleted or collection.";
        default -> "'lastModifiedDateTime' must be an ISO 8601 date and time with an offset.";
      };
    }

    OffsetDateTime lastModified() {
      if (lastModifiedText == null) {
        return null;
      }
      try {
        return OffsetDateTime.parse(lastModifiedText);
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    private static String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value != null && value.isTextual() ? value.asText() : null;
    }
  }

  /** A refusal of the whole request; nothing of it is stored. */
  private static final class Refusal extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final String target;

    Refusal(HttpStatus status, String code, String target, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.target = target;
    }

    ResponseEntity<?> answer() {
      return error(status, code, target, getMessage());
    }
  }
}
