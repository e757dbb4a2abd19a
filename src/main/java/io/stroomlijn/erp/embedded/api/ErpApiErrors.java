package io.stroomlijn.erp.embedded.api;

import io.stroomlijn.erp.ErpException;
import io.stroomlijn.erp.ErpPermissionException;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordChangedException;
import io.stroomlijn.erp.RecordNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Business Central's error body, {@code {"error":{"code","message"}}}, for every fault of the ERP
 * API, plus a {@code target} naming the field or option at fault when there is one.
 */
@RestControllerAdvice(
    basePackages = {"io.stroomlijn.erp.embedded.api", "io.stroomlijn.erp.embedded.webhooks"})
class ErpApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ErpApiErrors.class);

  @ExceptionHandler(ErpException.class)
  ResponseEntity<Map<String, Object>> erp(ErpException e) {
    String target = e instanceof InvalidRequestException invalid ? invalid.target() : null;
    return error(status(e), e.code(), e.getMessage(), target);
  }

  @ExceptionHandler(ErpApiException.class)
  ResponseEntity<Map<String, Object>> api(ErpApiException e) {
    return error(e.status(), e.code(), e.getMessage(), e.target());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return error(
        HttpStatus.METHOD_NOT_ALLOWED,
        "BadRequest_MethodNotAllowed",
        "The HTTP method " + e.getMethod() + " is not supported here.",
        null);
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) {
    log.error("ERP API request failed", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal_ServerError",
        "The request failed on the server; nothing was changed. The server log has the details.",
        null);
  }

  private static HttpStatus status(ErpException e) {
    if (e instanceof RecordNotFoundException) {
      return HttpStatus.NOT_FOUND;
    }
    if (e instanceof ErpPermissionException) {
      return HttpStatus.FORBIDDEN;
    }
    if (e instanceof RecordChangedException) {
      return HttpStatus.PRECONDITION_FAILED;
    }
    if ("BadRequest_MethodNotAllowed".equals(e.code())) {
      return HttpStatus.METHOD_NOT_ALLOWED;
    }
    return HttpStatus.BAD_REQUEST;
  }

  static ResponseEntity<Map<String, Object>> error(
      HttpStatus status, String code, String message, String target) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (target != null) {
      error.put("target", target);
    }
    // Always JSON, whatever the client accepts (Accept: application/xml included): with the type
    // set here Spring writes the body instead of failing the error itself with a 406 or 500.
    return ResponseEntity.status(status)
        .contentType(ODataHeaders.JSON)
        .body(Map.of("error", error));
  }
}
