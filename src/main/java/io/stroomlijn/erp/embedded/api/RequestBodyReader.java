package io.stroomlijn.erp.embedded.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stroomlijn.erp.embedded.ErpProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads an ERP API request body as a JSON object, refusing bodies over the size limit (413) and
 * anything that is not one JSON object (400) before anything is written.
 */
@Component
class RequestBodyReader {

  private final ObjectReader reader;
  private final long maxBytes;

  RequestBodyReader(ObjectMapper mapper, ErpProperties properties) {
    this.reader =
        mapper
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.maxBytes = properties.maxRequestSize().toBytes();
  }

  Map<String, Object> readObject(HttpServletRequest request) throws IOException {
    requireJson(request.getContentType());
    if (request.getContentLengthLong() > maxBytes) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE, maxBytes + 1));
    }
    if (body.length > maxBytes) {
      throw tooLarge();
    }
    if (body.length == 0) {
      throw new ErpApiException(
          HttpStatus.BAD_REQUEST, "BadRequest_InvalidBody", null, "The request body is empty.");
    }
    JsonNode json;
    try {
      json = reader.readValue(body);
    } catch (JsonProcessingException malformed) {
      throw new ErpApiException(
          HttpStatus.BAD_REQUEST,
          "BadRequest_InvalidBody",
          null,
          "The request body is not valid JSON: "
              + malformed.getOriginalMessage()
              + location(malformed));
    }
    if (json == null || !json.isObject()) {
      throw new ErpApiException(
          HttpStatus.BAD_REQUEST,
          "BadRequest_InvalidBody",
          null,
          "The request body must be a JSON object with the fields to set.");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) toJava(json);
    return fields;
  }

  /** Business Central takes JSON only; a body sent as anything else is refused unread (415). */
  private static void requireJson(String contentType) {
    if (contentType == null) {
      return;
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException malformed) {
      type = null;
    }
    boolean json =
        type != null
            && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || "json".equals(type.getSubtypeSuffix()));
    if (!json) {
      throw new ErpApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "BadRequest_UnsupportedMediaType",
          "Content-Type",
          "The request body must be JSON (Content-Type: application/json), not '"
              + contentType
              + "'.");
    }
  }

  /** Plain Java values for a JSON tree; decimals stay exact {@code BigDecimal}s. */
  private static Object toJava(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(toJava(element)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isNull() ? null : node.asText();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "."
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ").";
  }

  private ErpApiException tooLarge() {
    return new ErpApiException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Request_EntityTooLarge",
        null,
        "The request body is larger than the limit of " + maxBytes + " bytes.");
  }
}
