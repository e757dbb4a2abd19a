package io.stroomlijn.instant;

import io.stroomlijn.security.Callers;
import io.stroomlijn.web.ApiException;
import io.stroomlijn.web.Parameters;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The "Automate" menu of an ERP page over REST: {@code GET /api/flows/instant} lists the flows the
 * caller may run on a page, {@code POST /api/flows/instant/{flowKey}/runs} runs one on the selected
 * record, {@code GET /api/flows/instant/runs/{runId}} tells where a run is.
 */
@RestController
class InstantFlowController {

  static final String RUNS = "/api/flows/instant/runs/";

  private final InstantRuns runs;
  private final Callers callers;

  InstantFlowController(InstantRuns runs, Callers callers) {
    this.runs = runs;
    this.callers = callers;
  }

  @GetMapping("/api/flows/instant")
  Map<String, Object> available(
      @RequestParam(required = false) String entitySet,
      @RequestParam(required = false) String companyId) {
    if (entitySet == null || entitySet.isBlank()) {
      throw ApiException.badParameter("entitySet", "is required: the page's entity set");
    }
    List<Map<String, Object>> flows =
        runs
            .available(callers.current(), entitySet.trim(), Parameters.guid("companyId", companyId))
            .stream()
            .map(InstantFlowController::summary)
            .toList();
    return Map.of("value", flows);
  }

  @PostMapping("/api/flows/instant/{flowKey}/runs")
  ResponseEntity<InstantRun> start(
      @PathVariable String flowKey,
      @RequestParam(required = false) String wait,
      @RequestBody(required = false) Map<String, Object> body) {
    InstantRun run = runs.start(callers.current(), flowKey, RunRequest.of(body, wait));
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create(RUNS + run.runId()))
        .body(run);
  }

  @GetMapping(RUNS + "{runId}")
  InstantRun run(@PathVariable String runId) {
    return runs.run(callers.current(), runId);
  }

  private static Map<String, Object> summary(InstantFlow flow) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("key", flow.key());
    summary.put("name", flow.name());
    summary.put("description", flow.description());
    summary.put("version", flow.version());
    summary.put("entitySets", flow.entitySets());
    summary.put("inputs", flow.inputs());
    return summary;
  }
}
