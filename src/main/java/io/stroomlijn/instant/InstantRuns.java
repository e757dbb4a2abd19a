package io.stroomlijn.instant;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.flow.RunStatus;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.security.AutomatePermission;
import io.stroomlijn.security.Caller;
import io.stroomlijn.security.FlowConsent;
import io.stroomlijn.security.SystemCalls;
import io.stroomlijn.web.ApiException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Instant flows: which a user may run on a page, and running one on a selected record. The gates
 * come first (consent, then the automate permission), then the request is checked whole, and only
 * then does a run start; a refused request starts nothing.
 */
@Service
public class InstantRuns {

  private final InstantFlowCatalog catalog;
  private final InstantRunReader reader;
  private final FlowConsent consent;
  private final AutomatePermission permission;
  private final ErpConnector erp;
  private final RuntimeService runtime;
  private final SystemCalls system;
  private final TransactionTemplate transaction;

  InstantRuns(
      InstantFlowCatalog catalog,
      InstantRunReader reader,
      FlowConsent consent,
      AutomatePermission permission,
      ErpConnector erp,
      RuntimeService runtime,
      SystemCalls system,
      TransactionTemplate transaction) {
    this.catalog = catalog;
    this.reader = reader;
    this.consent = consent;
    this.permission = permission;
    this.erp = erp;
    this.runtime = runtime;
    this.system = system;
    this.transaction = transaction;
  }

  /** The flows the caller may run on records of an entity set, in a company if one is named. */
  public List<InstantFlow> available(Caller caller, String entitySet, UUID companyId) {
    consent.requireAgreed(caller);
    List<InstantFlow> all = catalog.all();
    List<InstantFlow> permitted =
        all.stream().filter(flow -> permission.mayRun(caller, flow.key())).toList();
    if (permitted.isEmpty() && !permission.mayRunAll(caller)) {
      throw automatePermissionRequired();
    }
    return permitted.stream()
        .filter(flow -> !flow.suspended())
        .filter(flow -> flow.runsOn(entitySet))
        .filter(flow -> companyId == null || flow.runsIn(companyId))
        .toList();
  }

  /** Starts a run, and waits for its result when the request asks to. */
  public InstantRun start(Caller caller, String flowKey, RunRequest request) {
    consent.requireAgreed(caller);
    InstantFlow flow =
        catalog
            .find(flowKey)
            .orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.NOT_FOUND,
                        "FlowNotFound",
                        "flowKey",
                        "There is no instant flow '" + flowKey + "'."));
    if (!permission.mayRun(caller, flow.key())) {
      throw automatePermissionRequired();
    }
    if (!flow.runsOn(request.entitySet())) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "EntitySetNotSupported",
          "entitySet",
          "The flow '"
              + flow.key()
              + "' does not run on "
              + request.entitySet()
              + "; it runs on "
              + String.join(", ", flow.entitySets())
              + ".");
    }
    if (!flow.runsIn(request.companyId())) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "CompanyNotSupported",
          "companyId",
          "The flow '" + flow.key() + "' does not run in company " + request.companyId() + ".");
    }
    if (flow.suspended()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "FlowSuspended",
          "flowKey",
          "The flow '" + flow.key() + "' is switched off (suspended); activate it first.");
    }
    VariableMap variables = FlowInputs.variables(flow, request.inputs(), ZoneId.systemDefault());
    String runId = UUID.randomUUID().toString();
    // Reading the record, starting the run and telling where it is share one transaction.
    InstantRun started =
        transaction.execute(status -> startRun(caller, flow, request, variables, runId));
    return request.waitFor().isZero() || started.status().settled()
        ? started
        : await(runId, started.processInstanceId(), flow, request.waitFor());
  }

  private InstantRun startRun(
      Caller caller, InstantFlow flow, RunRequest request, VariableMap variables, String runId) {
    Record record = erp.get(request.companyId(), request.entitySet(), request.recordId());
    RunVariables.COMPANY_ID.putIn(variables, request.companyId());
    RunVariables.ENTITY_SET.putIn(variables, request.entitySet());
    RunVariables.RECORD_ID.putIn(variables, request.recordId());
    RunVariables.RECORD.putIn(variables, record.fields());
    RunVariables.STARTED_BY.putIn(variables, caller.userId());
    RunVariables.WEB_CLIENT_URL.putIn(
        variables,
        erp.webClientUrl(request.companyId(), request.entitySet(), request.recordId()).toString());
    OffsetDateTime startedAt = OffsetDateTime.now();
    // Whether this user may run this flow was decided above, by the automate permission.
    ProcessInstanceWithVariables instance =
        system.run(
            () ->
                runtime
                    .createProcessInstanceById(flow.definitionId())
                    .businessKey(runId)
                    .setVariables(variables)
                    .executeWithVariablesInReturn());
    if (!instance.isEnded() && !request.waitFor().isZero()) {
      // The caller waits: read where the run is now (at a user task, say).
      return system.run(() -> reader.read(runId, instance.getId(), flow.responseVariables()));
    }
    Map<String, Object> response = new LinkedHashMap<>();
    if (instance.isEnded()) {
      flow.responseVariables().stream()
          .filter(instance.getVariables()::containsKey)
          .forEach(name -> response.put(name, instance.getVariables().get(name)));
    }
    return new InstantRun(
        runId,
        flow.key(),
        flow.version(),
        instance.getId(),
        instance.isEnded() ? RunStatus.COMPLETED : RunStatus.RUNNING,
        startedAt,
        instance.isEnded() ? OffsetDateTime.now() : null,
        caller.userId(),
        null,
        null,
        instance.isEnded() ? response : null);
  }

  /** A run the caller started (administrators see every run). */
  public InstantRun run(Caller caller, String runId) {
    consent.requireAgreed(caller);
    InstantRun run =
        system
            .run(
                () ->
                    reader.find(
                        runId,
                        flowKey ->
                            catalog
                                .find(flowKey)
                                .map(InstantFlow::responseVariables)
                                .orElse(List.of())))
            .orElseThrow(() -> runNotFound(runId));
    if (!caller.isAdministrator() && !caller.userId().equals(run.startedBy())) {
      throw runNotFound(runId);
    }
    return run;
  }

  private InstantRun await(
      String runId, String processInstanceId, InstantFlow flow, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(5);
    while (true) {
      InstantRun run =
          system.run(() -> reader.read(runId, processInstanceId, flow.responseVariables()));
      long left = deadline - System.nanoTime();
      if (run.status().settled() || left <= 0) {
        return run;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return run;
      }
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private static ApiException automatePermissionRequired() {
    return new ApiException(
        HttpStatus.FORBIDDEN,
        "AutomatePermissionRequired",
        null,
        "You may not run this flow: ask an administrator to add you to the flow users group"
            + " or to grant you the flow.");
  }

  private static ApiException runNotFound(String runId) {
    return new ApiException(
        HttpStatus.NOT_FOUND, "RunNotFound", "runId", "There is no run '" + runId + "' of yours.");
  }
}
