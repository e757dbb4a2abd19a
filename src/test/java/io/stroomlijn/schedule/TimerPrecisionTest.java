package io.stroomlijn.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In real time, with the job executor as configured: a due timer starts its run within 1 s. */
@StroomlijnTest
class TimerPrecisionTest {

  private static final String FLOW =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:process id="EverySecond" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_EverySecond">
            <bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition>
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_EverySecond" targetRef="EndEvent_Done" />
          <bpmn:endEvent id="EndEvent_Done" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  String deployment;

  @AfterEach
  void remove() {
    repository.deleteDeployment(deployment, true);
  }

  @Test
  void aDueTimerStartsItsRunWithinOneSecond() {
    deployment = repository.createDeployment().addString("EverySecond.bpmn", FLOW).deploy().getId();

    await().atMost(Duration.ofSeconds(15)).until(() -> successes().size() >= 5);

    for (HistoricJobLog fired : successes()) {
      long lateMillis = fired.getTimestamp().getTime() - fired.getJobDueDate().getTime();
      assertThat(lateMillis).as("fired %d ms after it was due", lateMillis).isLessThan(1000);
    }
  }

  private List<HistoricJobLog> successes() {
    return history
        .createHistoricJobLogQuery()
        .processDefinitionKey("EverySecond")
        .successLog()
        .list();
  }
}
