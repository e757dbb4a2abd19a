package io.stroomlijn.flow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.stroomlijn.support.StroomlijnTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The example flow a newcomer starts from Tasklist, as deployed from processes/. */
@StroomlijnTest
class HelloStroomlijnProcessTest {

  @Autowired ProcessEngine engine;

  @BeforeEach
  void assertionsOnThisEngine() {
    AbstractAssertions.init(engine);
  }

  @Test
  void waitsForSomeoneToSayHelloThenEnds() {
    ProcessInstance run =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey("HelloStroomlijn", withVariables("greeting", "Hallo"));

    assertThat(run).isWaitingAt("Task_SayHello");
    assertThat(task(run)).hasCandidateGroup("camunda-admin");
    complete(task(run));
    assertThat(run)
        .isEnded()
        .hasPassed("EndEvent_Done")
        .variables()
        .containsEntry("greeting", "Hallo");
  }
}
