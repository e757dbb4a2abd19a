package io.stroomlijn.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal of the flows API, answered as {@code {"error":{"code","message","target","details"}}}
 * with its HTTP status, the shape of the ERP API's errors. Thrown before anything changes.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String target;
  private final List<Map<String, Object>> details;

  public ApiException(HttpStatus status, String code, String target, String message) {
    this(status, code, target, message, List.of());
  }

  public ApiException(
      HttpStatus status,
      String code,
      String target,
      String message,
      List<Map<String, Object>> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = target;
    this.details = List.copyOf(details);
  }

  /** A query parameter or body field that does not fit: 400 naming it. */
  public static ApiException badParameter(String parameter, String message) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "BadRequest_InvalidParameter",
        parameter,
        parameter + ": " + message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String target() {
    return target;
  }

  public List<Map<String, Object>> details() {
    return details;
  }
}
