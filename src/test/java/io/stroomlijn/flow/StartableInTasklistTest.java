package io.stroomlijn.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StroomlijnTest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tasklist offers only flows a person can start by hand: not those that need a record event, a
 * selected record or a parent flow, which would fail at once.
 */
@StroomlijnTest
class StartableInTasklistTest {

  @Autowired RepositoryService repository;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeFlows() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void tasklistOffersNoneOfTheShippedFlowsThatNeedARecordOrAParent() {
    List<String> offered =
        repository
            .createProcessDefinitionQuery()
            .latestVersion()
            .startableInTasklist()
            .list()
            .stream()
            .map(ProcessDefinition::getKey)
            .toList();

    assertThat(offered)
        .doesNotContain(
            "SalesInvoiceApproval",
            "BlockVendorPayments",
            "LargeSalesInvoiceCreated",
            "VendorBlockedNotifyPurchasing",
            "StroomlijnApproval")
        .contains("HelloStroomlijn");
  }

  @Test
  void aFlowDrawnWithARecordTriggerOrAsAnInstantFlowIsNotStartableByHand() {
    String triggered =
        deploy("DrawnTrigger", "trigger.entitySet", "vendors", "trigger.event", "modified");
    String instant = deploy("DrawnInstant", "instant.entitySets", "vendors");
    String plain = deploy("DrawnPlain");

    assertThat(definition(triggered).isStartableInTasklist()).isFalse();
    assertThat(definition(instant).isStartableInTasklist()).isFalse();
    assertThat(definition(plain).isStartableInTasklist()).isTrue();
  }

  /** A flow whose start event has these properties (name, value pairs), as Modeler draws it. */
  private String deploy(String name, String... properties) {
    String key = name + Long.toHexString(System.nanoTime());
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(key)
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_1")
            .endEvent()
            .done();
    if (properties.length > 0) {
      CamundaProperties list = model.newInstance(CamundaProperties.class);
      for (int i = 0; i < properties.length; i += 2) {
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(properties[i]);
        property.setCamundaValue(properties[i + 1]);
        list.addChildElement(property);
      }
      model.<StartEvent>getModelElementById("StartEvent_1").builder().addExtensionElement(list);
    }
    deployments.add(
        repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId());
    return key;
  }

  private ProcessDefinition definition(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult();
  }
}
