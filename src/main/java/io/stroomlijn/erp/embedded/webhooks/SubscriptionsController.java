package io.stroomlijn.erp.embedded.webhooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stroomlijn.erp.embedded.ConditionalOnEmbeddedErp;
import io.stroomlijn.erp.embedded.ErpProperties;
import io.stroomlijn.erp.embedded.api.ErpApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Business Central's webhook subscriptions API, {@code /api/v2.0/subscriptions}. These mappings are
 * more specific than the ERP API's {@code /api/v2.0/**}, so Spring routes them here.
 */
@ConditionalOnEmbeddedErp
@RestController
class SubscriptionsController {

  static final String PATH = "/api/v2.0/subscriptions";
  private static final String ONE = PATH + "({id})";
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final Subscriptions subscriptions;
  private final ObjectReader reader;
  private final long maxBytes;

  SubscriptionsController(
      Subscriptions subscriptions, ObjectMapper json, ErpProperties erpProperties) {
    this.subscriptions = subscriptions;
    this.reader =
        json.readerFor(OBJECT)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.maxBytes = erpProperties.maxRequestSize().toBytes();
  }

  @GetMapping(PATH)
  ResponseEntity<Map<String, Object>> list(
      HttpServletRequest request, HttpServletResponse response) {
    String user = request.getRemoteUser();
    List<Map<String, Object>> value =
        subscriptions.list(user).stream().map(s -> json(s, user)).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", serviceRoot(request) + "/$metadata#subscriptions");
    body.put("value", value);
    return answer(response, HttpStatus.OK, null, body);
  }

  @GetMapping(ONE)
  ResponseEntity<Map<String, Object>> get(
      @PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
    Subscription subscription = subscriptions.get(request.getRemoteUser(), key(id));
    return entity(request, response, HttpStatus.OK, subscription);
  }

  @PostMapping(PATH)
  ResponseEntity<Map<String, Object>> create(
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    Subscription created = subscriptions.create(request.getRemoteUser(), body(request));
    return entity(request, response, HttpStatus.CREATED, created);
  }

  @PatchMapping(ONE)
  ResponseEntity<Map<String, Object>> renew(
      @PathVariable String id, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ErpApiException(
          HttpStatus.PRECONDITION_REQUIRED,
          "Request_IfMatchRequired",
          HttpHeaders.IF_MATCH,
          "Send the If-Match header with the subscription's @odata.etag (or * to renew any"
              + " version).");
    }
    Subscription renewed =
        subscriptions.renew(request.getRemoteUser(), key(id), ifMatch, body(request));
    return entity(request, response, HttpStatus.OK, renewed);
  }

  @DeleteMapping(ONE)
  ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
    subscriptions.delete(request.getRemoteUser(), key(id), request.getHeader(HttpHeaders.IF_MATCH));
    return ResponseEntity.noContent().build();
  }

  private ResponseEntity<Map<String, Object>> entity(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      Subscription subscription) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", serviceRoot(request) + "/$metadata#subscriptions/$entity");
    body.putAll(json(subscription, request.getRemoteUser()));
    return answer(response, status, subscription.etag(), body);
  }

  /** A subscription as Business Central shows it; the client state only to its owner. */
  private static Map<String, Object> json(Subscription subscription, String user) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("@odata.etag", subscription.etag());
    json.put("subscriptionId", subscription.id());
    json.put("notificationUrl", subscription.notificationUrl());
    json.put("resource", subscription.resource());
    json.put("timestamp", subscription.version());
    json.put("userId", subscription.userId());
    json.put("lastModifiedDateTime", NotificationSender.time(subscription.modifiedAt()));
    json.put("clientState", subscription.userId().equals(user) ? subscription.clientState() : "");
    json.put("expirationDateTime", NotificationSender.time(subscription.expirationDateTime()));
    json.put("systemCreatedAt", NotificationSender.time(subscription.createdAt()));
    json.put("systemCreatedBy", subscription.createdBy());
    json.put("systemModifiedAt", NotificationSender.time(subscription.modifiedAt()));
    json.put("systemModifiedBy", subscription.modifiedBy());
    return json;
  }

  private static ResponseEntity<Map<String, Object>> answer(
      HttpServletResponse response, HttpStatus status, String etag, Map<String, Object> body) {
    if (!response.containsHeader("OData-Version")) {
      response.setHeader("OData-Version", "4.0");
    }
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
    if (etag != null) {
      answer.eTag(etag);
    }
    return answer.body(body);
  }

  /** {@code subscriptions('abc')} and {@code subscriptions(abc)} name the same subscription. */
  private static String key(String id) {
    return id.length() >= 2 && id.startsWith("'") && id.endsWith("'")
        ? id.substring(1, id.length() - 1)
        : id;
  }

  private Map<String, Object> body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBytes) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE, maxBytes + 1));
    }
    if (bytes.length > maxBytes) {
      throw tooLarge();
    }
    if (bytes.length == 0) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, Object> body = reader.readValue(bytes);
      if (body == null) {
        throw notAnObject();
      }
      return body;
    } catch (IOException e) {
      throw notAnObject();
    }
  }

  private static ErpApiException notAnObject() {
    return new ErpApiException(
        HttpStatus.BAD_REQUEST,
        "BadRequest_InvalidBody",
        null,
        "The request body must be one JSON object.");
  }

  private ErpApiException tooLarge() {
    return new ErpApiException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Request_EntityTooLarge",
        null,
        "The request body is larger than " + maxBytes + " bytes.");
  }

  private static String serviceRoot(HttpServletRequest request) {
    return UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
        .replacePath(request.getContextPath() + "/api/v2.0")
        .replaceQuery(null)
        .build()
        .toUriString();
  }
}
