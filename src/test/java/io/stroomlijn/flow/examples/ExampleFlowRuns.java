package io.stroomlijn.flow.examples;

import static org.awaitility.Awaitility.await;

import io.stroomlijn.flow.RunVariables;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/** The runs an example flow started for one record, as history shows them. */
final class ExampleFlowRuns {

  private final HistoryService history;

  ExampleFlowRuns(HistoryService history) {
    this.history = history;
  }

  List<HistoricProcessInstance> of(String flowKey, String recordId) {
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(flowKey)
        .variableValueEquals(RunVariables.RECORD_ID.name(), recordId)
        .list();
  }

  /** Waits until the flow ran once for the record, and returns that run. */
  HistoricProcessInstance awaitOne(String flowKey, String recordId) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !of(flowKey, recordId).isEmpty());
    return of(flowKey, recordId).get(0);
  }

  /** The value a run left in a variable. */
  Object variable(HistoricProcessInstance run, String name) {
    return history
        .createHistoricVariableInstanceQuery()
        .processInstanceId(run.getId())
        .variableName(name)
        .singleResult()
        .getValue();
  }
}
