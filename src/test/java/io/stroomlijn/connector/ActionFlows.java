package io.stroomlijn.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;

/**
 * Flows of one connector action for tests, built as a flow author's would be: start, the action
 * task with its inputs (as an element template writes them), end; optionally with a boundary event
 * catching a BPMN error, and as an asynchronous step with retries.
 */
public final class ActionFlows {

  public static final String TASK = "Task_Action";
  public static final String DONE = "EndEvent_Done";
  public static final String CAUGHT = "EndEvent_Caught";

  private final String key;
  private final String delegate;
  private final Map<String, String> inputs = new LinkedHashMap<>();
  private String caughtError;
  private boolean async;
  private boolean failAfter;

  private ActionFlows(String key, String delegate) {
    this.key = key;
    this.delegate = delegate;
  }

  /** A flow with one task running the bean {@code delegate}. */
  public static ActionFlows of(String key, String delegate) {
    return new ActionFlows(key, delegate);
  }

  public ActionFlows input(String name, String value) {
    inputs.put(name, value);
    return this;
  }

  /** Catches this BPMN error code on the task and ends at {@link #CAUGHT}. */
  public ActionFlows catching(String errorCode) {
    this.caughtError = errorCode;
    return this;
  }

  /** The task starts in a job of its own, as the element templates set it. */
  public ActionFlows async() {
    this.async = true;
    return this;
  }

  /** A step after the action that always fails, in the same transaction. */
  public ActionFlows failingAfterwards() {
    this.failAfter = true;
    return this;
  }

  public BpmnModelInstance model() {
    ServiceTaskBuilder task =
        Bpmn.createExecutableProcess(key)
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_1")
            .serviceTask(TASK)
            .camundaDelegateExpression("${" + delegate + "}")
            .camundaAsyncBefore(async);
    inputs.forEach(task::camundaInputParameter);
    var next =
        failAfter
            ? task.serviceTask("Task_Fails").camundaExpression("${undefinedBean.call()}")
            : task;
    BpmnModelInstance model = next.endEvent(DONE).done();
    if (caughtError != null) {
      model =
          ((ServiceTask) model.getModelElementById(TASK))
              .builder()
              .boundaryEvent("Boundary_Error")
              .error(caughtError)
              .endEvent(CAUGHT)
              .done();
    }
    return model;
  }

  /** Deploys the flow; returns the deployment id. */
  public String deploy(RepositoryService repository) {
    return repository.createDeployment().addModelInstance(key + ".bpmn", model()).deploy().getId();
  }
}
