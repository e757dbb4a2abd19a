package io.stroomlijn.instant;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;

/** Small instant flows, deployed for one test and removed after it. */
final class InstantTestFlows {

  private final RepositoryService repository;
  private final List<String> deployments = new ArrayList<>();

  InstantTestFlows(RepositoryService repository) {
    this.repository = repository;
  }

  /** A flow key unique to this run, so tests never see each other's flows. */
  static String key(String name) {
    return name + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Deploys an instant flow: a none start event with {@code instant.entitySets} and further
   * properties (name, value pairs), the form fields {@code formFields} (XML), then {@code body}
   * (elements between {@code StartEvent_Selected} and {@code EndEvent_Done}, or none).
   */
  String deploy(
      String key, String entitySets, String formFields, String body, String... properties) {
    StringBuilder props =
        new StringBuilder("<camunda:property name=\"instant.entitySets\" value=\"")
            .append(entitySets)
            .append("\" />");
    for (int i = 0; i < properties.length; i += 2) {
      props
          .append("<camunda:property name=\"")
          .append(properties[i])
          .append("\" value=\"")
          .append(properties[i + 1])
          .append("\" />");
    }
    String steps =
        body == null
            ? "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_Selected\" targetRef=\"EndEvent_Done\" />"
            : body;
    String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
          <bpmn:process id="%s" name="Flow %s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:documentation>What %s does.</bpmn:documentation>
            <bpmn:startEvent id="StartEvent_Selected">
              <bpmn:extensionElements>
                <camunda:properties>%s</camunda:properties>
                <camunda:formData>%s</camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            %s
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(key, key, key, props, formFields == null ? "" : formFields, steps);
    deployments.add(
        repository
            .createDeployment()
            .name("test-" + key)
            .addString(key + ".bpmn", bpmn)
            .deploy()
            .getId());
    return key;
  }

  void removeAll() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    deployments.clear();
  }
}
