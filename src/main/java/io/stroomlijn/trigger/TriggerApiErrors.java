package io.stroomlijn.trigger;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The flows API answers bad input like the ERP API: {@code {"error":{"code","message","target"}}}.
 */
@RestControllerAdvice(assignableTypes = TriggerLogController.class)
class TriggerApiErrors {

  @ExceptionHandler(BadParameterException.class)
  ResponseEntity<Map<String, Object>> badParameter(BadParameterException e) {
    return ResponseEntity.badRequest()
        .body(
            Map.of(
                "error",
                Map.of(
                    "code",
                    "BadRequest_InvalidParameter",
                    "message",
                    e.parameter() + ": " + e.getMessage(),
                    "target",
                    e.parameter())));
  }
}
