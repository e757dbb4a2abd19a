package io.stroomlijn.web;

import io.stroomlijn.erp.ErpException;
import io.stroomlijn.erp.ErpPermissionException;
import io.stroomlijn.erp.RecordNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The error answers of the flows API ({@code /api/flows/**}); the ERP API has its own, in Business
 * Central's exact shape.
 */
@RestControllerAdvice(
    basePackages = {
      "io.stroomlijn.approval",
      "io.stroomlijn.flow",
      "io.stroomlijn.instant",
      "io.stroomlijn.schedule",
      "io.stroomlijn.security",
      "io.stroomlijn.trigger"
    })
class ApiErrors {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> refused(ApiException e) {
    return answer(e.status(), e.code(), e.getMessage(), e.target(), e);
  }

  /** A record a request names that the ERP does not have: 404, with the ERP's own code. */
  @ExceptionHandler(RecordNotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(RecordNotFoundException e) {
    return answer(HttpStatus.NOT_FOUND, e.code(), e.getMessage(), "recordId", null);
  }

  /** The caller lacks an ERP permission the request needs. */
  @ExceptionHandler(ErpPermissionException.class)
  ResponseEntity<Map<String, Object>> erpForbidden(ErpPermissionException e) {
    return answer(HttpStatus.FORBIDDEN, e.code(), e.getMessage(), null, null);
  }

  /** Any other refusal of the ERP is the request's fault. */
  @ExceptionHandler(ErpException.class)
  ResponseEntity<Map<String, Object>> erpRefused(ErpException e) {
    return answer(HttpStatus.BAD_REQUEST, e.code(), e.getMessage(), null, null);
  }

  /** The engine's authorization check refused the caller (e.g. deploying without the right). */
  @ExceptionHandler(org.camunda.bpm.engine.AuthorizationException.class)
  ResponseEntity<Map<String, Object>> forbidden(org.camunda.bpm.engine.AuthorizationException e) {
    return answer(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), null, null);
  }

  /** A flow that does not deploy: 400 with the engine's parse errors (element, line). */
  @ExceptionHandler(org.camunda.bpm.engine.ParseException.class)
  ResponseEntity<Map<String, Object>> unparsable(org.camunda.bpm.engine.ParseException e) {
    return answer(HttpStatus.BAD_REQUEST, "InvalidFlow", e.getMessage(), null, null);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        "BadRequest_InvalidBody",
        "The request body is not the JSON object this endpoint expects.",
        null,
        null);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    return answer(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "BadRequest_UnsupportedMediaType",
        "Send the body as "
            + (e.getSupportedMediaTypes().isEmpty()
                ? "application/json"
                : MediaType.toString(e.getSupportedMediaTypes()))
            + ", not "
            + (e.getContentType() == null ? "without a Content-Type" : e.getContentType())
            + ".",
        "Content-Type",
        null);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    return answer(
        HttpStatus.METHOD_NOT_ALLOWED,
        "BadRequest_MethodNotAllowed",
        e.getMethod()
            + " is not allowed here; allowed: "
            + String.join(
                ", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods())
            + ".",
        null,
        null);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
    ApiException missing = ApiException.badParameter(e.getParameterName(), "required, but missing");
    return refused(missing);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mistyped(MethodArgumentTypeMismatchException e) {
    return refused(ApiException.badParameter(e.getName(), "has the wrong form"));
  }

  private static ResponseEntity<Map<String, Object>> answer(
      HttpStatus status, String code, String message, String target, ApiException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (target != null) {
      error.put("target", target);
    }
    if (e != null && !e.details().isEmpty()) {
      error.put("details", e.details());
    }
    return ResponseEntity.status(status).body(Map.of("error", error));
  }
}
