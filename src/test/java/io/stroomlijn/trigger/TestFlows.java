package io.stroomlijn.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;

/** Small flows with record triggers, deployed for one test and removed after it. */
final class TestFlows {

  private final RepositoryService repository;
  private final List<String> deployments = new ArrayList<>();

  TestFlows(RepositoryService repository) {
    this.repository = repository;
  }

  /** A flow key unique to this run, so tests never see each other's flows. */
  static String key(String name) {
    return name + "_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
  }

  /**
   * Deploys a flow: a message start event with the given message name (or a none start event when
   * it is null, as the element templates draw it) and {@code trigger.*} properties (name, value
   * pairs), then {@code body} (BPMN elements between {@code StartEvent_Trigger} and {@code
   * EndEvent_Done}, or none), then the end.
   */
  String deploy(String key, String messageName, String body, String... properties) {
    StringBuilder props = new StringBuilder();
    for (int i = 0; i < properties.length; i += 2) {
      props
          .append("<camunda:property name=\"")
          .append(properties[i])
          .append("\" value=\"")
          .append(xml(properties[i + 1]))
          .append("\" />");
    }
    String steps =
        body == null
            ? "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_Trigger\" targetRef=\"EndEvent_Done\" />"
            : body;
    String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
          %s
          <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Trigger">
              <bpmn:extensionElements><camunda:properties>%s</camunda:properties></bpmn:extensionElements>
              %s
            </bpmn:startEvent>
            %s
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(
                messageName == null
                    ? ""
                    : "<bpmn:message id=\"Message_Trigger\" name=\"" + xml(messageName) + "\" />",
                key,
                key,
                props,
                messageName == null
                    ? ""
                    : "<bpmn:messageEventDefinition messageRef=\"Message_Trigger\" />",
                steps);
    String id =
        repository
            .createDeployment()
            .name("test-" + key)
            .addString(key + ".bpmn", bpmn)
            .deploy()
            .getId();
    deployments.add(id);
    return key;
  }

  /** Removes every flow deployed here, with its runs. */
  void removeAll() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    deployments.clear();
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
