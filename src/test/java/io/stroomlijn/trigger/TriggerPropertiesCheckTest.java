package io.stroomlijn.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stroomlijn.support.StroomlijnTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** A record trigger that cannot work is refused when the flow is deployed, naming what is wrong. */
@StroomlijnTest
class TriggerPropertiesCheckTest {

  @Autowired RepositoryService repository;
  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  private static String flow(String key, String properties) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Changed">
              <bpmn:extensionElements><camunda:properties>%s</camunda:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="StartEvent_Changed" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(key, properties);
  }

  private static String property(String name, String value) {
    return "<camunda:property name=\"" + name + "\" value=\"" + value + "\" />";
  }

  private void deploy(String key, String properties) {
    deployments.add(
        repository
            .createDeployment()
            .addString(key + ".bpmn", flow(key, properties))
            .deploy()
            .getId());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "trigger.entitySet, nosuch, vendors, modified, ''",
    "trigger.event, exploded, vendors, exploded, ''",
    "trigger.condition, '${((', vendors, modified, '${(('",
    "trigger.event, '', vendors, '', ''"
  })
  void aTriggerThatCannotWorkIsRefusedNamingTheStartEventAndTheProperty(
      String property, String shown, String entitySet, String event, String condition) {
    String key = "BadTrigger_" + UUID.randomUUID().toString().substring(0, 8);
    String properties =
        property("trigger.entitySet", "trigger.entitySet".equals(property) ? shown : entitySet)
            + (event.isEmpty() ? "" : property("trigger.event", event))
            + (condition.isEmpty() ? "" : property("trigger.condition", condition));

    assertThatThrownBy(() -> deploy(key, properties))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("StartEvent_Changed")
        .hasMessageContaining(property);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count())
        .isZero();
  }

  @Test
  void aWorkingTriggerDeploys() {
    String key = "GoodTrigger_" + UUID.randomUUID().toString().substring(0, 8);

    deploy(
        key,
        property("trigger.entitySet", "vendors")
            + property("trigger.event", "modified")
            + property("trigger.condition", "${record.balance > 1000}"));

    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count())
        .isEqualTo(1);
  }
}
