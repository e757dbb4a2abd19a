package io.stroomlijn.instant;

import io.stroomlijn.flow.RunStatus;
import io.stroomlijn.flow.RunVariables;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/** Reads where an instant run is, from the engine's history and runtime state. */
@Component
class InstantRunReader {

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;

  InstantRunReader(HistoryService history, RuntimeService runtime, TaskService tasks) {
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /** The run with this id, if there is one. */
  Optional<InstantRun> find(String runId, Function<String, List<String>> responseVariablesOfFlow) {
    return history
        .createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(runId)
        .list()
        .stream()
        .findFirst()
        .map(
            instance ->
                read(
                    runId,
                    instance,
                    responseVariablesOfFlow.apply(instance.getProcessDefinitionKey())));
  }

  /** The run of a process instance started a moment ago. */
  InstantRun read(String runId, String processInstanceId, List<String> responseVariables) {
    HistoricProcessInstance instance =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    return read(runId, instance, responseVariables);
  }

  private InstantRun read(
      String runId, HistoricProcessInstance instance, List<String> responseVariables) {
    String id = instance.getId();
    List<InstantRun.WaitingTask> waiting = List.of();
    String failure = null;
    RunStatus status = RunStatus.of(instance);
    if (status == RunStatus.RUNNING) {
      List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(id).list();
      waiting =
          tasks.createTaskQuery().processInstanceId(id).list().stream()
              .map(
                  task ->
                      new InstantRun.WaitingTask(task.getId(), task.getName(), task.getAssignee()))
              .toList();
      if (!incidents.isEmpty()) {
        status = RunStatus.FAILED;
        failure = incidents.get(0).getIncidentMessage();
      } else if (!waiting.isEmpty()) {
        status = RunStatus.WAITING;
      }
    }
    Map<String, Object> variables = variables(id, responseVariables);
    String startedBy =
        RunVariables.STARTED_BY.valueOf(variables.remove(RunVariables.STARTED_BY.name()));
    return new InstantRun(
        runId,
        instance.getProcessDefinitionKey(),
        instance.getProcessDefinitionVersion(),
        id,
        status,
        offset(instance.getStartTime()),
        offset(instance.getEndTime()),
        startedBy,
        waiting.isEmpty() ? null : waiting,
        failure,
        variables);
  }

  private Map<String, Object> variables(String processInstanceId, List<String> names) {
    String[] wanted = new String[names.size() + 1];
    names.toArray(wanted);
    wanted[names.size()] = RunVariables.STARTED_BY.name();
    Map<String, Object> values = new LinkedHashMap<>();
    for (HistoricVariableInstance variable :
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(processInstanceId)
            .variableNameIn(wanted)
            .list()) {
      values.put(variable.getName(), variable.getValue());
    }
    return values;
  }

  private static OffsetDateTime offset(Date date) {
    return date == null ? null : date.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
  }
}
