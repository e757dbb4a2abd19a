package io.stroomlijn.erp.embedded.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.embedded.ErpProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads a {@code $batch} body in OData's JSON batch format ({@code {"requests":[...]}}) or in
 * {@code multipart/mixed} with change sets, and checks it as a whole before anything runs: at most
 * {@value #MAX_REQUESTS} requests, unique ids, {@code dependsOn} naming earlier requests only.
 */
@Component
class BatchRequestReader {

  /** Business Central's limit of requests in one batch. */
  static final int MAX_REQUESTS = 100;

  private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");

  private final ObjectMapper json;
  private final long maxBytes;

  BatchRequestReader(ObjectMapper mapper, ErpProperties properties) {
    this.json =
        mapper
            .copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // A batch carries up to 100 bodies; each of them is still held to the single request limit.
    this.maxBytes = properties.maxRequestSize().toBytes() * 10;
  }

  /** Whether the batch body is multipart (else JSON). */
  static boolean isMultipart(HttpServletRequest request) {
    MediaType type = contentType(request);
    return type.getType().equals("multipart");
  }

  List<BatchRequest> read(HttpServletRequest request) throws IOException {
    MediaType type = contentType(request);
    byte[] body = body(request);
    List<BatchRequest> requests;
    if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
      requests = fromJson(body);
    } else if (type.getType().equals("multipart") && type.getSubtype().equals("mixed")) {
      String boundary = type.getParameter("boundary");
      if (boundary == null || boundary.isBlank()) {
        throw invalid("Content-Type", "A multipart/mixed batch needs a boundary parameter.");
      }
      requests = fromMultipart(body, unquote(boundary));
    } else {
      throw new ErpApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "BadRequest_UnsupportedMediaType",
          "Content-Type",
          "A $batch body is JSON (Content-Type: application/json) or multipart/mixed, not '"
              + type
              + "'.");
    }
    check(requests);
    return requests;
  }

  private static MediaType contentType(HttpServletRequest request) {
    String header = request.getContentType();
    if (header == null) {
      throw invalid(
          "Content-Type", "Send the $batch with Content-Type application/json or multipart/mixed.");
    }
    try {
      return MediaType.parseMediaType(header);
    } catch (InvalidMediaTypeException malformed) {
      throw invalid("Content-Type", "'" + header + "' is not a valid Content-Type.");
    }
  }

  private byte[] body(HttpServletRequest request) throws IOException {
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
    return body;
  }

  private List<BatchRequest> fromJson(byte[] body) throws IOException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException malformed) {
      throw invalid(null, "The $batch body is not valid JSON: " + malformed.getOriginalMessage());
    }
    if (root == null || !root.path("requests").isArray()) {
      throw invalid("requests", "A JSON $batch body is {\"requests\": [...]}.");
    }
    List<BatchRequest> requests = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.get("requests")) {
      String where = "requests[" + index++ + "]";
      if (!node.isObject()) {
        throw invalid(where, where + " must be a JSON object.");
      }
      String id = node.hasNonNull("id") ? node.get("id").asText() : null;
      String method = text(node, "method", where).toUpperCase(Locale.ROOT);
      String url = text(node, "url", where);
      Map<String, String> headers = new LinkedHashMap<>();
      JsonNode headerNode = node.path("headers");
      if (!headerNode.isMissingNode() && !headerNode.isNull()) {
        if (!headerNode.isObject()) {
          throw invalid(where + ".headers", where + ".headers must be a JSON object.");
        }
        headerNode.fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
      }
      byte[] content = null;
      JsonNode bodyNode = node.get("body");
      if (bodyNode != null && !bodyNode.isNull()) {
        try {
          content = json.writeValueAsBytes(bodyNode);
        } catch (JsonProcessingException e) {
          throw invalid(where + ".body", e.getOriginalMessage());
        }
        headers.putIfAbsent("Content-Type", MediaType.APPLICATION_JSON_VALUE);
      }
      List<String> dependsOn = new ArrayList<>();
      JsonNode depends = node.path("dependsOn");
      if (!depends.isMissingNode() && !depends.isNull()) {
        if (!depends.isArray()) {
          throw invalid(where + ".dependsOn", where + ".dependsOn must be an array of ids.");
        }
        depends.forEach(d -> dependsOn.add(d.asText()));
      }
      String group = node.hasNonNull("atomicityGroup") ? node.get("atomicityGroup").asText() : null;
      requests.add(new BatchRequest(id, method, url, headers, content, dependsOn, group));
    }
    return requests;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw invalid(where + "." + field, where + " needs a '" + field + "'.");
    }
    return value.asText();
  }

  /** OData 4.0's multipart batch: parts of {@code application/http}, or change sets of them. */
  private List<BatchRequest> fromMultipart(byte[] body, String boundary) {
    List<BatchRequest> requests = new ArrayList<>();
    int changeSets = 0;
    for (MimePart part : MimePart.split(body, boundary)) {
      MediaType type = part.contentType();
      if (type != null && type.getType().equals("multipart")) {
        String inner = type.getParameter("boundary");
        if (inner == null) {
          throw invalid("Content-Type", "A change set needs a boundary parameter.");
        }
        String group = "changeset" + ++changeSets;
        for (MimePart change : MimePart.split(part.content(), unquote(inner))) {
          requests.add(httpRequest(change, group));
        }
      } else {
        requests.add(httpRequest(part, null));
      }
    }
    return requests;
  }

  /** An {@code application/http} part: request line, headers, blank line, body. */
  private static BatchRequest httpRequest(MimePart part, String group) {
    MediaType type = part.contentType();
    if (type == null
        || !type.getType().equals("application")
        || !type.getSubtype().equals("http")) {
      throw invalid(
          "Content-Type", "Each part of a multipart batch has Content-Type application/http.");
    }
    MimePart http = MimePart.parse(part.content(), true);
    String[] requestLine = http.firstLine().trim().split(" +");
    if (requestLine.length < 2) {
      throw invalid(null, "'" + http.firstLine() + "' is not an HTTP request line.");
    }
    String id = part.header("Content-ID");
    if (id == null) {
      id = http.header("Content-ID");
    }
    byte[] content = http.content().length == 0 ? null : http.content();
    return new BatchRequest(
        id,
        requestLine[0].toUpperCase(Locale.ROOT),
        requestLine[1],
        http.headers(),
        content,
        List.of(),
        group);
  }

  private static void check(List<BatchRequest> requests) {
    if (requests.size() > MAX_REQUESTS) {
      throw invalid(
          "requests",
          "A $batch holds at most "
              + MAX_REQUESTS
              + " requests; this one has "
              + requests.size()
              + ". Split it into several batches.");
    }
    Set<String> earlier = new HashSet<>();
    Set<String> closedGroups = new HashSet<>();
    String previousGroup = null;
    for (BatchRequest request : requests) {
      String name = request.id() == null ? "a request" : "request '" + request.id() + "'";
      if (!METHODS.contains(request.method())) {
        throw invalid("method", "The method " + request.method() + " of " + name + " is unknown.");
      }
      for (String dependency : request.dependsOn()) {
        if (!earlier.contains(dependency)) {
          throw invalid(
              "dependsOn",
              "The dependsOn of "
                  + name
                  + " names '"
                  + dependency
                  + "', which is not the id of an earlier request in the batch.");
        }
      }
      if (request.group() != null && !request.group().equals(previousGroup)) {
        if (!closedGroups.add(request.group())) {
          throw invalid(
              "atomicityGroup",
              "The requests of atomicity group '" + request.group() + "' must be adjacent.");
        }
      }
      previousGroup = request.group();
      if (request.id() != null && !earlier.add(request.id())) {
        throw invalid("id", "Two requests of the batch have the id '" + request.id() + "'.");
      }
    }
  }

  private static String unquote(String value) {
    return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  private static ErpApiException invalid(String target, String message) {
    return new ErpApiException(HttpStatus.BAD_REQUEST, "BadRequest_InvalidBatch", target, message);
  }

  private ErpApiException tooLarge() {
    return new ErpApiException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Request_EntityTooLarge",
        null,
        "The $batch body is larger than the limit of " + maxBytes + " bytes.");
  }

  /** A MIME part or an HTTP message: an optional first line, headers, and content. */
  private record MimePart(String firstLine, Map<String, String> headers, byte[] content) {

    String header(String name) {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue();
        }
      }
      return null;
    }

    MediaType contentType() {
      String value = header("Content-Type");
      if (value == null) {
        return null;
      }
      try {
        return MediaType.parseMediaType(value);
      } catch (InvalidMediaTypeException malformed) {
        throw invalid("Content-Type", "'" + value + "' is not a valid Content-Type.");
      }
    }

    /** The parts between {@code --boundary} lines, up to {@code --boundary--}. */
    static List<MimePart> split(byte[] body, String boundary) {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      String delimiter = "--" + boundary;
      List<MimePart> parts = new ArrayList<>();
      int start = indexOfDelimiter(text, delimiter, 0);
      if (start < 0) {
        throw invalid(
            null, "The multipart batch has no part with the boundary '" + boundary + "'.");
      }
      while (true) {
        int afterDelimiter = start + delimiter.length();
        if (text.startsWith("--", afterDelimiter)) {
          return parts;
        }
        int contentStart = text.indexOf('\n', afterDelimiter);
        if (contentStart < 0) {
          throw invalid(null, "The multipart batch ends inside a part.");
        }
        int next = indexOfDelimiter(text, delimiter, contentStart + 1);
        if (next < 0) {
          throw invalid(
              null, "The multipart batch has no closing boundary '--" + boundary + "--'.");
        }
        // The line break before a delimiter belongs to the delimiter.
        int contentEnd = next;
        if (contentEnd > contentStart + 1 && text.charAt(contentEnd - 1) == '\n') {
          contentEnd--;
          if (contentEnd > contentStart + 1 && text.charAt(contentEnd - 1) == '\r') {
            contentEnd--;
          }
        }
        String content = text.substring(contentStart + 1, Math.max(contentStart + 1, contentEnd));
        parts.add(parse(content.getBytes(StandardCharsets.ISO_8859_1), false));
        start = next;
      }
    }

    private static int indexOfDelimiter(String text, String delimiter, int from) {
      int at = text.indexOf(delimiter, from);
      while (at > 0 && text.charAt(at - 1) != '\n') {
        at = text.indexOf(delimiter, at + 1);
      }
      return at;
    }

    /** Headers up to the first empty line, then the content; with a first line if asked. */
    static MimePart parse(byte[] bytes, boolean withFirstLine) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int position = 0;
      String firstLine = null;
      Map<String, String> headers = new LinkedHashMap<>();
      while (position < text.length()) {
        int end = text.indexOf('\n', position);
        if (end < 0) {
          end = text.length();
        }
        String line = text.substring(position, end);
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        position = Math.min(text.length(), end + 1);
        if (withFirstLine && firstLine == null) {
          if (line.isBlank()) {
            continue;
          }
          firstLine = line;
          continue;
        }
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw invalid(null, "'" + line + "' is not a header line.");
        }
        headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
      if (withFirstLine && firstLine == null) {
        throw invalid(null, "A part of the multipart batch holds no HTTP request.");
      }
      byte[] content =
          text.substring(position).trim().isEmpty()
              ? new byte[0]
              : text.substring(position).getBytes(StandardCharsets.ISO_8859_1);
      return new MimePart(firstLine, headers, content);
    }
  }
}
