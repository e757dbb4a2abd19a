package io.stroomlijn.schedule;

import io.stroomlijn.web.ApiException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/flows/scheduled}: the scheduled flows with their timers, next and last runs;
 * {@code POST /api/flows/scheduled/{key}/suspend} and {@code /activate} switch one off and on.
 */
@RestController
class ScheduledFlowController {

  private final ScheduledFlows scheduled;

  ScheduledFlowController(ScheduledFlows scheduled) {
    this.scheduled = scheduled;
  }

  @GetMapping("/api/flows/scheduled")
  Map<String, List<ScheduledFlow>> all() {
    return Map.of("value", scheduled.all());
  }

  @PostMapping("/api/flows/scheduled/{key}/suspend")
  Map<String, Object> suspend(@PathVariable String key) {
    return change(key, () -> scheduled.suspend(key));
  }

  @PostMapping("/api/flows/scheduled/{key}/activate")
  Map<String, Object> activate(@PathVariable String key) {
    return change(key, () -> scheduled.activate(key));
  }

  private Map<String, Object> change(String key, Runnable change) {
    if (!scheduled.exists(key)) {
      throw new ApiException(
          HttpStatus.NOT_FOUND, "FlowNotFound", "key", "There is no flow '" + key + "'.");
    }
    try {
      change.run();
    } catch (AuthorizationException e) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "Forbidden",
          "key",
          "You may not switch the flow '" + key + "' on or off (Camunda authorization SUSPEND).");
    }
    return scheduled.all().stream()
        .filter(flow -> flow.key().equals(key))
        .findFirst()
        .<Map<String, Object>>map(flow -> Map.of("value", flow))
        .orElse(Map.of("key", key));
  }
}
