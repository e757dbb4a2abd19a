package io.stroomlijn.trigger;

import io.stroomlijn.web.ApiException;
import io.stroomlijn.web.Parameters;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/flows/trigger-log}: for recent record events, which flows listened, which started
 * (with their run), and which did not and why. The answer to "why didn't my flow run?".
 */
@RestController
class TriggerLogController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 500;

  private final TriggerLog triggerLog;

  TriggerLogController(TriggerLog triggerLog) {
    this.triggerLog = triggerLog;
  }

  @GetMapping("/api/flows/trigger-log")
  ResponseEntity<Map<String, Object>> recent(
      @RequestParam(required = false) String entitySet,
      @RequestParam(required = false) String recordId,
      @RequestParam(required = false) String companyId,
      @RequestParam(required = false) String limit) {
    int size = limit(limit);
    List<TriggerLog.LoggedEvent> events =
        triggerLog.recent(
            entitySet == null || entitySet.isBlank() ? null : entitySet,
            Parameters.guid("recordId", recordId),
            Parameters.guid("companyId", companyId),
            size);
    return ResponseEntity.ok(Map.of("value", events));
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badParameter(
        "limit", "'" + value + "' is not a number from 1 to " + MAX_LIMIT);
  }
}
