package io.stroomlijn.connector.erp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.connector.ActionFlows;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.RecordQuery;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.support.StroomlijnTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ERP actions inside a deployed BPMN, against the embedded ERP. */
@StroomlijnTest
class ErpActionsTest {

  /** Create, read, change with the etag read, find, link, then delete one customer. */
  private static final String LIFECYCLE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:process id="ErpActionsLifecycle" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_1" />
          <bpmn:sequenceFlow id="F1" sourceRef="StartEvent_1" targetRef="Task_Create" />
          <bpmn:serviceTask id="Task_Create" camunda:delegateExpression="${createRecordDelegate}">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="companyId">${companyId}</camunda:inputParameter>
              <camunda:inputParameter name="entitySet">customers</camunda:inputParameter>
              <camunda:inputParameter name="fields"><camunda:map>
                <camunda:entry key="displayName">${name}</camunda:entry>
                <camunda:entry key="city">Utrecht</camunda:entry>
              </camunda:map></camunda:inputParameter>
              <camunda:inputParameter name="resultVariable">created</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="F2" sourceRef="Task_Create" targetRef="Task_Get" />
          <bpmn:serviceTask id="Task_Get" camunda:delegateExpression="${getRecordDelegate}">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="companyId">${companyId}</camunda:inputParameter>
              <camunda:inputParameter name="entitySet">customers</camunda:inputParameter>
              <camunda:inputParameter name="recordId">${created.id}</camunda:inputParameter>
              <camunda:inputParameter name="resultVariable">customer</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="F3" sourceRef="Task_Get" targetRef="Task_Update" />
          <bpmn:serviceTask id="Task_Update" camunda:delegateExpression="${updateRecordDelegate}">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="companyId">${companyId}</camunda:inputParameter>
              <camunda:inputParameter name="entitySet">customers</camunda:inputParameter>
              <camunda:inputParameter name="recordId">${customer.id}</camunda:inputParameter>
              <camunda:inputParameter name="etag">${customer['@odata.etag']}</camunda:inputParameter>
              <camunda:inputParameter name="fields"><camunda:map>
                <camunda:entry key="city">Amersfoort</camunda:entry>
              </camunda:map></camunda:inputParameter>
              <camunda:inputParameter name="resultVariable">updated</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="F4" sourceRef="Task_Update" targetRef="Task_FindOne" />
          <bpmn:serviceTask id="Task_FindOne" camunda:delegateExpression="${findOneRecordDelegate}">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="companyId">${companyId}</camunda:inputParameter>
              <camunda:inputParameter name="entitySet">customers</camunda:inputParameter>
              <camunda:inputParameter name="filter">city eq 'Amersfoort'</camunda:inputParameter>
              <camunda:inputParameter name="resultVariable">found</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="F5" sourceRef="Task_FindOne" targetRef="Task_Url" />
          <bpmn:serviceTask id="Task_Url" camunda:delegateExpression="${getUrlDelegate}">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="companyId">${companyId}</camunda:inputParameter>
              <camunda:inputParameter name="entitySet">customers</camunda:inputParameter>
              <camunda:inputParameter name="recordId">${found.id}</camunda:inputParameter>
              <camunda:inputParameter name="resultVariable">link</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="F6" sourceRef="Task_Url" targetRef="Task_Delete" />
          <bpmn:serviceTask id="Task_Delete" camunda:delegateExpression="${deleteRecordDelegate}">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="companyId">${companyId}</camunda:inputParameter>
              <camunda:inputParameter name="entitySet">customers</camunda:inputParameter>
              <camunda:inputParameter name="recordId">${found.id}</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="F7" sourceRef="Task_Delete" targetRef="EndEvent_Done" />
          <bpmn:endEvent id="EndEvent_Done" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  /** Reads a record that is not there and catches RECORD_NOT_FOUND with a boundary event. */
  private static final String NOT_FOUND =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:error id="Error_NotFound" errorCode="RECORD_NOT_FOUND" />
        <bpmn:process id="ErpActionsNotFound" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_1" />
          <bpmn:sequenceFlow id="F1" sourceRef="StartEvent_1" targetRef="Task_Get" />
          <bpmn:serviceTask id="Task_Get" camunda:delegateExpression="${getRecordDelegate}">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="companyName">${companyName}</camunda:inputParameter>
              <camunda:inputParameter name="entitySet">vendors</camunda:inputParameter>
              <camunda:inputParameter name="recordId">${recordId}</camunda:inputParameter>
              <camunda:inputParameter name="resultVariable">vendor</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:boundaryEvent id="Boundary_NotFound" attachedToRef="Task_Get">
            <bpmn:errorEventDefinition errorRef="Error_NotFound" />
          </bpmn:boundaryEvent>
          <bpmn:sequenceFlow id="F2" sourceRef="Task_Get" targetRef="EndEvent_Found" />
          <bpmn:endEvent id="EndEvent_Found" />
          <bpmn:sequenceFlow id="F3" sourceRef="Boundary_NotFound" targetRef="EndEvent_NotFound" />
          <bpmn:endEvent id="EndEvent_NotFound" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired Companies companies;
  @Autowired ErpConnector erp;

  @Autowired ProcessEngine engine;
  String deployment;
  final List<String> deployments = new java.util.ArrayList<>();
  UUID company;
  String companyName;

  @BeforeEach
  void deploy() {
    BpmnAwareTests.init(engine);
    deployment =
        repository
            .createDeployment()
            .addString("ErpActionsLifecycle.bpmn", LIFECYCLE)
            .addString("ErpActionsNotFound.bpmn", NOT_FOUND)
            .deploy()
            .getId();
    companyName = "A" + UUID.randomUUID().toString().substring(0, 8);
    company = companies.create(companyName, "Actions test", "test");
  }

  @AfterEach
  void undeploy() {
    repository.deleteDeployment(deployment, true);
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void createsReadsChangesWithTheEtagFindsLinksAndDeletesARecord() {
    ProcessInstance run =
        runtime.startProcessInstanceByKey(
            "ErpActionsLifecycle",
            Map.of(RunVariables.COMPANY_ID.name(), company.toString(), "name", "Contoso"));

    assertThat(run.isEnded()).isTrue();
    Map<String, Object> variables = variables(run.getId());
    Map<?, ?> created = (Map<?, ?>) variables.get("created");
    assertThat(created.get("displayName")).isEqualTo("Contoso");
    assertThat(((Map<?, ?>) variables.get("customer")).get("@odata.etag")).isNotNull();
    assertThat(((Map<?, ?>) variables.get("updated")).get("city")).isEqualTo("Amersfoort");
    assertThat(((Map<?, ?>) variables.get("found")).get("id")).isEqualTo(created.get("id"));
    assertThat(variables.get("link").toString())
        .contains("company=" + companyName)
        .contains("page=21");
    Assertions.assertThatThrownBy(
            () -> erp.get(company, "customers", UUID.fromString(created.get("id").toString())))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void aMissingRecordIsABpmnErrorTheFlowCanCatch() {
    ProcessInstance run =
        runtime.startProcessInstanceByKey(
            "ErpActionsNotFound",
            Map.of(
                "companyName",
                companyName,
                RunVariables.RECORD_ID.name(),
                UUID.randomUUID().toString()));

    assertThat(run.isEnded()).isTrue();
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(run.getId())
                .activityId("EndEvent_NotFound")
                .count())
        .isEqualTo(1);
  }

  @Test
  void aChangeBySomeoneElseSinceTheReadIsRecordChangedAndTheChangeIsNotMade() {
    UUID vendor = erp.create(company, "vendors", Map.of("displayName", "Fabrikam"), "test").id();
    String etagAsRead = erp.get(company, "vendors", vendor).etag();
    erp.update(company, "vendors", vendor, Map.of("city", "Utrecht"), "*", "someone else");
    deployments.add(
        ActionFlows.of("ErpUpdateStale", "updateRecordDelegate")
            .input(RunVariables.COMPANY_ID.name(), company.toString())
            .input(RunVariables.ENTITY_SET.name(), "vendors")
            .input(RunVariables.RECORD_ID.name(), vendor.toString())
            .input("etag", etagAsRead)
            .input("fields", "{\"blocked\": \"Payment\"}")
            .catching("RECORD_CHANGED")
            .deploy(repository));

    ProcessInstance run = runtime.startProcessInstanceByKey("ErpUpdateStale");

    BpmnAwareTests.assertThat(run).isEnded().hasPassed(ActionFlows.CAUGHT);
    assertThat(erp.get(company, "vendors", vendor).getString("blocked")).isEqualTo(" ");
  }

  @Test
  void aValueTheErpRefusesIsValidationFailed() {
    deployments.add(
        ActionFlows.of("ErpCreateInvalid", "createRecordDelegate")
            .input(RunVariables.ENTITY_SET.name(), "vendors")
            .input("fields", "{\"displayName\": \"Fabrikam\", \"blocked\": \"Sometimes\"}")
            .catching("VALIDATION_FAILED")
            .deploy(repository));

    // no companyId input: the run's own companyId is used, as in automated and instant flows
    ProcessInstance run =
        runtime.startProcessInstanceByKey(
            "ErpCreateInvalid", Map.of(RunVariables.COMPANY_ID.name(), company.toString()));

    BpmnAwareTests.assertThat(run).isEnded().hasPassed(ActionFlows.CAUGHT);
    assertThat(erp.find(company, "vendors", RecordQuery.all()).records()).isEmpty();
  }

  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> values = new HashMap<>();
    List<HistoricVariableInstance> all =
        history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list();
    all.forEach(variable -> values.put(variable.getName(), variable.getValue()));
    return values;
  }
}
