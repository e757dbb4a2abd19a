package io.stroomlijn.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The history of finished runs is removed once its time to live has passed since the run ended,
 * with everything that belongs to it, and not before. (The engine runs with the end-time based
 * cleanup, which needs no removal time stamped on every history row when a run ends.)
 */
@StroomlijnTest
class RunHistoryCleanupTest {

  private static final String FLOWS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:process id="CleanupExpired" isExecutable="true" camunda:historyTimeToLive="P0D">
          <bpmn:startEvent id="StartEvent_1" />
          <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="EndEvent_1" />
          <bpmn:endEvent id="EndEvent_1" />
        </bpmn:process>
        <bpmn:process id="CleanupKept" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_2" />
          <bpmn:sequenceFlow id="Flow_2" sourceRef="StartEvent_2" targetRef="EndEvent_2" />
          <bpmn:endEvent id="EndEvent_2" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;

  private Deployment deployment;

  @AfterEach
  void undeploy() {
    if (deployment != null) {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void removesFinishedRunsWhoseTimeToLiveHasPassedAndKeepsTheRest() {
    deployment = repository.createDeployment().addString("RunHistoryCleanup.bpmn", FLOWS).deploy();
    String expired =
        runtime.startProcessInstanceByKey("CleanupExpired", Map.of("note", "expired run")).getId();
    String kept =
        runtime.startProcessInstanceByKey("CleanupKept", Map.of("note", "kept run")).getId();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expired).count())
        .isEqualTo(2);

    history.cleanUpHistoryAsync(true);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                history.createHistoricProcessInstanceQuery().processInstanceId(expired).count()
                    == 0);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expired).count())
        .isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(expired).count())
        .isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(kept).count())
        .isEqualTo(1);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(kept).count())
        .isEqualTo(1);
  }
}
