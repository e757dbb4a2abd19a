package io.stroomlijn.erp.embedded.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.embedded.ConditionalOnEmbeddedErp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v2.0/$batch}: up to 100 ERP API requests in one, in OData's JSON batch format or
 * in {@code multipart/mixed}; the answer comes in the same format, one response per request with
 * its own status, headers and body. {@code Isolation: snapshot} makes the batch one transaction
 * (see {@link BatchRunner}).
 */
@ConditionalOnEmbeddedErp
@RestController
@RequestMapping(ErpApiController.BASE)
class ErpBatchController {

  private final BatchRequestReader reader;
  private final BatchRunner runner;
  private final ObjectMapper json;

  ErpBatchController(BatchRequestReader reader, BatchRunner runner, ObjectMapper json) {
    this.reader = reader;
    this.runner = runner;
    this.json = json;
  }

  @PostMapping("/$batch")
  ResponseEntity<?> batch(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<BatchRequest> requests = reader.read(request);
    boolean snapshot = "snapshot".equalsIgnoreCase(trimmed(request.getHeader("Isolation")));
    List<BatchResponse> responses = runner.run(request, response, requests, snapshot);
    if (BatchRequestReader.isMultipart(request)) {
      return multipart(responses);
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(jsonBody(responses));
  }

  private static String trimmed(String header) {
    return header == null ? null : header.trim();
  }

  private Map<String, Object> jsonBody(List<BatchResponse> responses) throws IOException {
    List<Map<String, Object>> answers = new ArrayList<>();
    for (BatchResponse response : responses) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("id", response.request().id());
      answer.put("status", response.status());
      answer.put("headers", response.headers());
      if (response.body().length > 0) {
        answer.put("body", jsonValue(response));
      }
      answers.add(answer);
    }
    return Map.of("responses", answers);
  }

  /** A JSON body as JSON, anything else (a {@code $count}) as a string. */
  private Object jsonValue(BatchResponse response) throws IOException {
    String type = response.headers().get("content-type");
    if (type != null
        && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
      JsonNode body = json.readTree(response.body());
      return body;
    }
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /**
   * OData 4.0's multipart answer: one {@code application/http} part per request, the parts of a
   * change set inside a multipart part of their own; a failed change set answers with its failure
   * alone.
   */
  private static ResponseEntity<byte[]> multipart(List<BatchResponse> responses) {
    String boundary = "batchresponse_" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < responses.size()) {
      BatchResponse first = responses.get(i);
      String group = first.request().group();
      int end = i + 1;
      while (group != null
          && end < responses.size()
          && group.equals(responses.get(end).request().group())) {
        end++;
      }
      write(out, "--" + boundary + "\r\n");
      if (group == null) {
        part(out, first);
      } else {
        List<BatchResponse> changeSet = responses.subList(i, end);
        BatchResponse failure =
            changeSet.stream().filter(r -> !r.succeeded()).findFirst().orElse(null);
        if (failure != null) {
          part(out, failure);
        } else {
          String inner = "changesetresponse_" + UUID.randomUUID();
          write(out, "Content-Type: multipart/mixed; boundary=" + inner + "\r\n\r\n");
          for (BatchResponse response : changeSet) {
            write(out, "--" + inner + "\r\n");
            part(out, response);
          }
          write(out, "--" + inner + "--\r\n");
        }
      }
      i = end;
    }
    write(out, "--" + boundary + "--\r\n");
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("multipart/mixed; boundary=" + boundary))
        .body(out.toByteArray());
  }

  private static void part(ByteArrayOutputStream out, BatchResponse response) {
    write(out, "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
    if (response.request().id() != null) {
      write(out, "Content-ID: " + response.request().id() + "\r\n");
    }
    write(out, "\r\n");
    HttpStatus status = HttpStatus.resolve(response.status());
    write(
        out,
        "HTTP/1.1 "
            + response.status()
            + (status == null ? "" : " " + status.getReasonPhrase())
            + "\r\n");
    response.headers().forEach((name, value) -> write(out, name + ": " + value + "\r\n"));
    write(out, "Content-Length: " + response.body().length + "\r\n\r\n");
    out.writeBytes(response.body());
    write(out, "\r\n");
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
