package io.stroomlijn.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * Writes an error in the API's format, {@code {"error":{"code","message","target"}}}, where no
 * controller advice reaches: in servlet filters (authentication) and on the error page.
 */
public final class JsonErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonErrors() {}

  /** The error body; {@code target} is left out when null. */
  public static Map<String, Object> body(String code, String message, String target) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (target != null) {
      error.put("target", target);
    }
    return Map.of("error", error);
  }

  /** Sends the error as the whole answer, as JSON whatever the client accepts. */
  public static void write(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getOutputStream(), body(code, message, null));
  }
}
