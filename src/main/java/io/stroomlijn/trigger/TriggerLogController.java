package io.stroomlijn.trigger;

import io.stroomlijn.erp.ErpPermissions;
import io.stroomlijn.erp.ErpPermissions.Access;
import io.stroomlijn.security.Callers;
import io.stroomlijn.web.ApiException;
import io.stroomlijn.web.Parameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private final Callers callers;
  private final ErpPermissions permissions;

  TriggerLogController(TriggerLog triggerLog, Callers callers, ErpPermissions permissions) {
    this.triggerLog = triggerLog;
    this.callers = callers;
    this.permissions = permissions;
  }

  @GetMapping("/api/flows/trigger-log")
  ResponseEntity<Map<String, Object>> recent(
      @RequestParam(required = false) String entitySet,
      @RequestParam(required = false) String recordId,
      @RequestParam(required = false) String companyId,
      @RequestParam(required = false) String limit) {
    int size = limit(limit);
    String user = callers.current().userId();
    UUID company = Parameters.guid("companyId", companyId);
    if (company != null) {
      permissions.require(user, company, Access.READ);
    }
    boolean readsAll = company != null || permissions.allows(user, null, Access.READ);
    Map<UUID, Boolean> readable = new HashMap<>();
    // The log shows record events, so only those of companies the caller may read. Someone with
    // permissions for some companies only gets the latest of the last MAX_LIMIT events that are
    // theirs: enough for "why didn't my flow run?" without a permission join in SQL.
    List<TriggerLog.LoggedEvent> events =
        triggerLog
            .recent(
                entitySet == null || entitySet.isBlank() ? null : entitySet,
                Parameters.guid("recordId", recordId),
                company,
                readsAll ? size : MAX_LIMIT)
            .stream()
            .filter(
                event ->
                    readsAll
                        || readable.computeIfAbsent(
                            event.companyId(), id -> permissions.allows(user, id, Access.READ)))
            .limit(size)
            .toList();
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
