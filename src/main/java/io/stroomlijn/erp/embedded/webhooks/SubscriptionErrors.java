package io.stroomlijn.erp.embedded.webhooks;

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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Business Central's error body, {@code {"error":{"code","message","target"}}}, for the
 * subscriptions API, JSON whatever the client accepts.
 */
@RestControllerAdvice(assignableTypes = SubscriptionsController.class)
class SubscriptionErrors {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

  @ExceptionHandler(ErpException.class)
  ResponseEntity<Map<String, Object>> erp(ErpException e) {
    String target = e instanceof InvalidRequestException invalid ? invalid.target() : null;
    HttpStatus status =
        e instanceof RecordNotFoundException
            ? HttpStatus.NOT_FOUND
            : e instanceof ErpPermissionException
                ? HttpStatus.FORBIDDEN
                : e instanceof RecordChangedException
                    ? HttpStatus.PRECONDITION_FAILED
                    : HttpStatus.BAD_REQUEST;
    return error(status, e.code(), e.getMessage(), target);
  }

  @ExceptionHandler(SubscriptionApiException.class)
  ResponseEntity<Map<String, Object>> api(SubscriptionApiException e) {
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
    log.error("Subscriptions API request failed", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal_ServerError",
        "The request failed on the server; nothing was changed. The server log has the details.",
        null);
  }

  private static ResponseEntity<Map<String, Object>> error(
      HttpStatus status, String code, String message, String target) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (target != null) {
      error.put("target", target);
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", error));
  }
}
