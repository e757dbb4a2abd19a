package io.stroomlijn.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Record events start automated flows: matching, variables, conditions, order, diagnostics. */
@StroomlijnTest
class RecordTriggersTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired ErpConnector erpConnector;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  ErpFixture erp;
  ApiClient api;
  TestFlows flows;
  String company;

  @BeforeEach
  void companyAndFlows() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    company = erp.company().toString();
    flows = new TestFlows(repository);
  }

  @AfterEach
  void removeFlows() {
    flows.removeAll();
  }

  /** A flow on this test's company only, so other tests' changes never start it. */
  private String flow(String name, String messageName, String body, String... properties) {
    String[] all = new String[properties.length + 2];
    all[0] = "trigger.company";
    all[1] = company;
    System.arraycopy(properties, 0, all, 2, properties.length);
    return flows.deploy(TestFlows.key(name), messageName, body, all);
  }

  /**
   * The flow's runs, once there are {@code expected} and every change made so far has been handled:
   * a second start of an event that came a moment later would be among them.
   */
  private List<HistoricProcessInstance> runsOf(String key, int expected) {
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count()
                    >= expected);
    afterALaterChangeIsHandled();
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(key).list();
  }

  /**
   * Makes a change no flow of these tests listens to and waits until its event is in the trigger
   * log. Events are handled in commit order, each with its runs in one transaction, so by then the
   * runs of every earlier change have started, and a duplicate of one would have too.
   */
  private void afterALaterChangeIsHandled() {
    String marker = erp.create("items", Map.of("displayName", "Marker")).get("id").asText();
    triggerLog("items", marker, 1);
  }

  private Object variable(HistoricProcessInstance run, String name) {
    return history
        .createHistoricVariableInstanceQuery()
        .processInstanceId(run.getId())
        .variableName(name)
        .singleResult()
        .getValue();
  }

  /** The trigger log of one record, once it shows {@code events} events. */
  private JsonNode triggerLog(String entitySet, String recordId, int events) {
    String path = "/api/flows/trigger-log?entitySet=" + entitySet + "&recordId=" + recordId;
    await().atMost(DEADLINE).until(() -> api.get(path).json().get("value").size() >= events);
    return api.get(path).json().get("value");
  }

  @Test
  void startsEveryFlowListeningToTheEventOnceWhateverItsLabel() {
    String first = flow("VendorCreatedA", "erp.vendors.created:a", null);
    String second = flow("VendorCreatedB", "erp.vendors.created:b", null);
    String unlabelled = flow("VendorCreated", "erp.vendors.created", null);
    String other = flow("CustomerCreated", "erp.customers.created", null);

    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));

    JsonNode log = triggerLog("vendors", vendor.get("id").asText(), 1);
    String eventId = log.get(0).get("eventId").asText();
    for (String key : List.of(first, second, unlabelled)) {
      List<HistoricProcessInstance> runs = runsOf(key, 1);
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).getBusinessKey()).isEqualTo(eventId);
    }
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(other).count())
        .isZero();
  }

  @Test
  void aStartEventDrawnWithTheElementTemplateStartsOnItsEntitySetAndEvent() {
    // what "When a record is modified" writes: a none start event with trigger.* properties
    String key =
        flow(
            "VendorBlockedByTemplate",
            null,
            null,
            "trigger.entitySet",
            "vendors",
            "trigger.event",
            "modified",
            "trigger.fields",
            "blocked");
    String customers =
        flow(
            "CustomerByTemplate",
            null,
            null,
            "trigger.entitySet",
            "customers",
            "trigger.event",
            "modified");
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    String path = erp.path("vendors", vendor.get("id").asText());

    api.patch(path, Map.of("displayName", "Fabrikam B.V."), "If-Match", "*");
    api.patch(path, Map.of("blocked", "Payment"), "If-Match", "*");

    List<HistoricProcessInstance> runs = runsOf(key, 1);
    JsonNode log = triggerLog("vendors", vendor.get("id").asText(), 3);
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).getBusinessKey()).isEqualTo(log.get(0).get("eventId").asText());
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(runs.get(0).getId())
                .variableName(RunVariables.CHANGED_FIELDS.name())
                .singleResult()
                .getValue()
                .toString())
        .contains("blocked");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(customers).count())
        .isZero();
  }

  @Test
  void aCompanyGivenByNameLimitsTheFlowToTheCompanyOfThatName() {
    String name = "Named " + UUID.randomUUID().toString().substring(0, 8);
    ErpFixture named = ErpFixture.namedCompany(companies, erpConnector, name, port);
    String key =
        flows.deploy(
            TestFlows.key("NamedCompanyOnly"),
            "erp.vendors.created:named",
            null,
            "trigger.company",
            name);

    JsonNode inNamed = named.create("vendors", Map.of("displayName", "Fabrikam"));
    JsonNode elsewhere = erp.create("vendors", Map.of("displayName", "Fabrikam"));

    assertThat(runsOf(key, 1)).hasSize(1);
    JsonNode skipped = triggerLog("vendors", elsewhere.get("id").asText(), 1).get(0).get("flows");
    assertThat(flowOutcome(skipped, key).get("reason").asText())
        .isEqualTo("the flow listens to company " + name + " only");
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(runsOf(key, 1).get(0).getId())
                .variableName(RunVariables.RECORD_ID.name())
                .singleResult()
                .getValue())
        .isEqualTo(inNamed.get("id").asText());
  }

  @Test
  void givesTheRunTheRecordAsJsonThatExpressionsRead() {
    String key =
        flow(
            "VendorBlocked",
            "erp.vendors.modified",
            """
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Trigger" targetRef="Task_Note" />
            <bpmn:serviceTask id="Task_Note" camunda:expression="${true}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:outputParameter name="note">${record.displayName} ${previousRecord.blocked == ' ' ? 'was open' : 'was blocked'}</camunda:outputParameter>
                <camunda:outputParameter name="isPaymentBlock">${record.blocked == 'Payment'}</camunda:outputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Note" targetRef="Task_Wait" />
            <bpmn:userTask id="Task_Wait" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Wait" targetRef="EndEvent_Done" />
            """);
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));

    api.patch(
        erp.path("vendors", vendor.get("id").asText()),
        Map.of("blocked", "Payment"),
        "If-Match",
        "*");

    String run = runsOf(key, 1).get(0).getId();
    Map<String, Object> variables = runtime.getVariables(run);
    assertThat(variables)
        .containsEntry("note", "Fabrikam was open")
        .containsEntry("isPaymentBlock", true)
        .containsKeys(
            RunVariables.EVENT_ID.name(),
            RunVariables.CHANGED_AT.name(),
            RunVariables.PREVIOUS_RECORD.name());
    assertThat(variables.get(RunVariables.COMPANY_ID.name())).isEqualTo(company);
    assertThat(RunVariables.ENTITY_SET.from(variables)).isEqualTo("vendors");
    assertThat(variables.get(RunVariables.RECORD_ID.name())).isEqualTo(vendor.get("id").asText());
    assertThat(RunVariables.EVENT_TYPE.from(variables)).isEqualTo("modified");
    assertThat(RunVariables.CHANGED_BY.from(variables)).isEqualTo(StroomlijnTest.ADMIN);
    assertThat(RunVariables.CHANGED_FIELDS.from(variables)).isEqualTo(List.of("blocked"));
    ObjectValue record = runtime.getVariableTyped(run, RunVariables.RECORD.name(), false);
    assertThat(record.getSerializationDataFormat()).isEqualTo("application/json");
    assertThat(record.getValueSerialized()).contains("\"blocked\":\"Payment\"");

    Response viaRest =
        api.get(
            "/engine-rest/process-instance/" + run + "/variables/record?deserializeValue=false");
    assertThat(viaRest.json().get("valueInfo").get("serializationDataFormat").asText())
        .isEqualTo("application/json");
    assertThat(viaRest.json().get("value").asText()).contains("\"displayName\":\"Fabrikam\"");
  }

  @Test
  void aDeletionStartsFlowsOnDeletedWithTheRecordAsItWasBefore() {
    String key = flow("VendorDeleted", "erp.vendors.deleted", null);
    String vendor = erp.create("vendors", Map.of("displayName", "Gone")).get("id").asText();

    Response deleted = api.delete(erp.path("vendors", vendor), "If-Match", "*");

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    List<HistoricProcessInstance> runs = runsOf(key, 1);
    assertThat(runs).hasSize(1);
    assertThat(variable(runs.get(0), "eventType")).isEqualTo("deleted");
    assertThat(variable(runs.get(0), "recordId")).isEqualTo(vendor);
    assertThat(variable(runs.get(0), "record").toString()).contains("Gone");
  }

  @Test
  void postingAnInvoiceStartsFlowsOnPostedWithTheRecordBeforeAndAfter() {
    String key = flow("InvoicePosted", "erp.salesInvoices.posted", null);
    String customer = erp.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    String invoice = erp.draftSalesInvoice(customer);
    erp.addSalesInvoiceLine(invoice, erp.item("Widget", "10").get("id").asText(), 1);

    Response posted = api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", "");

    assertThat(posted.status()).as(posted.toString()).isEqualTo(204);
    List<HistoricProcessInstance> runs = runsOf(key, 1);
    assertThat(runs).hasSize(1);
    assertThat(variable(runs.get(0), "eventType")).isEqualTo("posted");
    assertThat(variable(runs.get(0), "recordId")).isEqualTo(invoice);
    assertThat(variable(runs.get(0), "previousRecord").toString()).contains("Draft");
    assertThat(variable(runs.get(0), "record").toString()).contains("Open");
  }

  @Test
  void cancelingAnApprovalRequestStartsFlowsOnApprovalCanceled() {
    String key = flow("ApprovalCanceled", "erp.salesInvoices.approvalCanceled", null);
    String customer = erp.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    String invoice = erp.draftSalesInvoice(customer);
    erp.addSalesInvoiceLine(invoice, erp.item("Widget", "10").get("id").asText(), 1);
    String path = erp.path("salesInvoices", invoice);

    assertThat(api.post(path + "/Microsoft.NAV.sendApprovalRequest", "").status()).isEqualTo(204);
    Response canceled = api.post(path + "/Microsoft.NAV.cancelApprovalRequest", "");

    assertThat(canceled.status()).as(canceled.toString()).isEqualTo(204);
    List<HistoricProcessInstance> runs = runsOf(key, 1);
    assertThat(runs).hasSize(1);
    assertThat(variable(runs.get(0), "eventType")).isEqualTo("approvalCanceled");
    assertThat(variable(runs.get(0), "recordId")).isEqualTo(invoice);
  }

  @Test
  void aModificationStartsAFlowOnlyWhenAWatchedFieldChanged() {
    String key =
        flow("VendorBlockedOnly", "erp.vendors.modified", null, "trigger.fields", "blocked");
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    String path = erp.path("vendors", vendor.get("id").asText());

    api.patch(path, Map.of("displayName", "Fabrikam B.V."), "If-Match", "*");
    api.patch(path, Map.of("blocked", "All"), "If-Match", "*");

    assertThat(runsOf(key, 1)).hasSize(1);
    JsonNode log = triggerLog("vendors", vendor.get("id").asText(), 3);
    JsonNode rename = log.get(1).get("flows");
    assertThat(flowOutcome(rename, key).get("outcome").asText()).isEqualTo("skipped");
    assertThat(flowOutcome(rename, key).get("reason").asText())
        .contains("watched fields (blocked)");
    assertThat(flowOutcome(log.get(0).get("flows"), key).get("outcome").asText())
        .isEqualTo("started");
  }

  @Test
  void aConditionDecidesAndAFailingConditionIsLoggedWithoutHarmingTheErp() {
    String big =
        flow(
            "BigInvoice",
            "erp.customers.created:big",
            null,
            "trigger.condition",
            "${record.creditLimit > 10000}");
    String broken =
        flow(
            "BrokenCondition",
            "erp.customers.created:broken",
            null,
            "trigger.condition",
            "${record.displayName.noSuchMethod()}");

    JsonNode small = erp.create("customers", Map.of("displayName", "Small", "creditLimit", 500));
    Response large =
        api.post(erp.path("customers"), Map.of("displayName", "Large", "creditLimit", 50000));

    assertThat(large.status()).isEqualTo(201);
    List<HistoricProcessInstance> runs = runsOf(big, 1);
    assertThat(runs).hasSize(1);
    JsonNode smallLog = triggerLog("customers", small.get("id").asText(), 1).get(0).get("flows");
    assertThat(flowOutcome(smallLog, big).get("reason").asText()).contains("is false");
    JsonNode brokenOutcome = flowOutcome(smallLog, broken);
    assertThat(brokenOutcome.get("outcome").asText()).isEqualTo("failed");
    assertThat(brokenOutcome.get("reason").asText()).contains("noSuchMethod");
  }

  @Test
  void aSuspendedFlowDoesNotStartUntilItIsActivated() {
    String key = flow("Suspendable", "erp.vendors.created", null);
    repository.suspendProcessDefinitionByKey(key);

    JsonNode first = erp.create("vendors", Map.of("displayName", "While suspended"));
    JsonNode log = triggerLog("vendors", first.get("id").asText(), 1);
    assertThat(flowOutcome(log.get(0).get("flows"), key).get("reason").asText())
        .contains("suspended");

    repository.activateProcessDefinitionByKey(key);
    erp.create("vendors", Map.of("displayName", "After activation"));

    assertThat(runsOf(key, 1)).hasSize(1);
  }

  @Test
  void aFlowForAnotherCompanyIsSkippedWithItsReason() {
    String key =
        flows.deploy(
            TestFlows.key("OtherCompany"),
            "erp.items.created",
            null,
            "trigger.company",
            java.util.UUID.randomUUID().toString());

    JsonNode item = erp.create("items", Map.of("displayName", "Desk"));

    JsonNode outcome =
        flowOutcome(triggerLog("items", item.get("id").asText(), 1).get(0).get("flows"), key);
    assertThat(outcome.get("outcome").asText()).isEqualTo("skipped");
    assertThat(outcome.get("reason").asText()).contains("only");
  }

  @Test
  void aFlowThatFailsAtItsStartIsLoggedAndTheOtherFlowsStillStart() {
    String failing =
        flow(
            "FailsAtStart",
            "erp.contacts.created:failing",
            """
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Trigger" targetRef="Task_Boom" />
            <bpmn:serviceTask id="Task_Boom" camunda:expression="${noSuchBean.run()}" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Boom" targetRef="EndEvent_Done" />
            """);
    String healthy = flow("StartsFine", "erp.contacts.created:healthy", null);

    Response created = api.post(erp.path("contacts"), Map.of("displayName", "Robert Townes"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(runsOf(healthy, 1)).hasSize(1);
    JsonNode flowsOfEvent =
        triggerLog("contacts", created.json().get("id").asText(), 1).get(0).get("flows");
    assertThat(flowOutcome(flowsOfEvent, failing).get("outcome").asText()).isEqualTo("failed");
    assertThat(flowOutcome(flowsOfEvent, failing).get("reason").asText()).contains("noSuchBean");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(failing).count())
        .isZero();
  }

  @Test
  void eventsOfOneRecordStartAFlowInCommitOrder() {
    String key =
        flow(
            "InOrder",
            "erp.vendors.modified",
            """
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Trigger" targetRef="Task_Probe" />
            <bpmn:serviceTask id="Task_Probe" camunda:class="io.stroomlijn.trigger.StartOrderProbe" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Probe" targetRef="EndEvent_Done" />
            """);
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "v0"));
    String path = erp.path("vendors", vendor.get("id").asText());

    for (int i = 1; i <= 20; i++) {
      assertThat(api.patch(path, Map.of("displayName", "v" + i), "If-Match", "*").status())
          .isEqualTo(200);
    }

    runsOf(key, 20);
    assertThat(StartOrderProbe.SEEN.stream().filter(seen -> seen.startsWith(key + "/")))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> key + "/v" + i).toList());
  }

  @Test
  void theTriggerLogNeedsAUserAndValidParameters() {
    assertThat(ApiClient.anonymous(port).get("/api/flows/trigger-log").status()).isEqualTo(401);

    Response badId = api.get("/api/flows/trigger-log?recordId=V00010");
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.json().get("error").get("target").asText()).isEqualTo("recordId");
    assertThat(api.get("/api/flows/trigger-log?limit=0").status()).isEqualTo(400);
  }

  @Test
  void theTriggerLogShowsOnlyTheCompaniesTheUserMayRead() {
    ErpFixture elsewhere = ErpFixture.newCompany(companies, port);
    String mine = erp.create("vendors", Map.of("displayName", "Mine")).get("id").asText();
    String theirs = elsewhere.create("vendors", Map.of("displayName", "Theirs")).get("id").asText();
    triggerLog("vendors", theirs, 1);
    TestUsers users = new TestUsers(identity, port);
    try {
      String clerk = users.create("clerk");
      Response grant = erp.grant(clerk, "READ");
      assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
      ApiClient asClerk = users.client(clerk);

      JsonNode log = asClerk.get("/api/flows/trigger-log?entitySet=vendors&limit=500").json();
      assertThat(log.get("value").findValuesAsText("recordId"))
          .contains(mine)
          .doesNotContain(theirs);
      assertThat(asClerk.get("/api/flows/trigger-log?companyId=" + elsewhere.company()).status())
          .isEqualTo(403);
    } finally {
      authorizations.createAuthorizationQuery().resourceType(1000).list().stream()
          .filter(grant -> grant.getUserId() != null && grant.getUserId().startsWith("clerk-"))
          .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
      users.removeAll();
    }
  }

  @Test
  void theTriggerLogShowsEventsWithoutAnyListeningFlowToo() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Nobody listens"));

    JsonNode event = triggerLog("vendors", vendor.get("id").asText(), 1).get(0);
    assertThat(event.get("eventType").asText()).isEqualTo("created");
    assertThat(event.get("changedBy").asText()).isEqualTo(StroomlijnTest.ADMIN);
  }

  private static JsonNode flowOutcome(JsonNode flows, String key) {
    for (JsonNode flow : flows) {
      if (flow.get("flowKey").asText().equals(key)) {
        return flow;
      }
    }
    throw new AssertionError("No outcome for " + key + " in " + flows);
  }
}
