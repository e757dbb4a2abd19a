package io.stroomlijn.instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Instant flows over real HTTP: the Automate menu of a page, and running a flow on a record. */
@StroomlijnTest
class InstantFlowsTest {

  private static final String INPUTS =
      """
      <camunda:formField id="reason" label="Reason" type="string">
        <camunda:validation>
          <camunda:constraint name="required" />
          <camunda:constraint name="minlength" config="3" />
          <camunda:constraint name="maxlength" config="20" />
        </camunda:validation>
      </camunda:formField>
      <camunda:formField id="days" label="Days" type="long" defaultValue="7">
        <camunda:validation>
          <camunda:constraint name="min" config="1" />
          <camunda:constraint name="max" config="30" />
        </camunda:validation>
      </camunda:formField>
      <camunda:formField id="urgent" label="Urgent" type="boolean" />
      <camunda:formField id="until" label="Until" type="date" />
      <camunda:formField id="channel" label="Channel" type="enum" defaultValue="email">
        <camunda:value id="email" name="Email" />
        <camunda:value id="teams" name="Teams" />
      </camunda:formField>
      """;

  private static final String USER_TASK =
      """
      <bpmn:userTask id="Task_Review" name="Review the request" camunda:assignee="${startedBy}" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Selected" targetRef="Task_Review" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Review" targetRef="EndEvent_Done" />
      """;

  private static final String ASYNC_ANSWER =
      """
      <bpmn:serviceTask id="Task_Answer" camunda:asyncBefore="true" camunda:expression="${true}">
        <bpmn:extensionElements><camunda:inputOutput>
          <camunda:outputParameter name="responseMessage">Done for ${record.displayName}</camunda:outputParameter>
        </camunda:inputOutput></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Selected" targetRef="Task_Answer" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Answer" targetRef="EndEvent_Done" />
      """;

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  ErpFixture erp;
  ApiClient admin;
  InstantTestFlows flows;
  TestUsers users;
  List<String> grants = new ArrayList<>();
  String company;
  String vendorId;

  @BeforeEach
  void setUp() {
    erp = ErpFixture.newCompany(companies, port);
    admin = erp.api();
    company = erp.company().toString();
    flows = new InstantTestFlows(repository);
    users = new TestUsers(identity, port);
    vendorId = erp.create("vendors", Map.of("displayName", "Fabrikam")).path("id").asText();
  }

  @AfterEach
  void tearDown() {
    admin.send("PUT", "/api/flows/admin/consent-policy", Map.of("policy", "userDecides"));
    grants.forEach(authorizations::deleteAuthorization);
    flows.removeAll();
    users.removeAll();
  }

  /** A user in the flow users group who has agreed to the privacy notice. */
  private ApiClient flowUser() {
    ApiClient client = users.client(users.create("ann", "flow-users"));
    assertThat(client.post("/api/flows/consent", Map.of("agree", true)).status()).isEqualTo(200);
    return client;
  }

  private Response list(ApiClient client, String entitySet) {
    return client.get(
        "/api/flows/instant" + ApiClient.query("entitySet", entitySet, "companyId", company));
  }

  private static List<String> keys(Response response) {
    List<String> keys = new ArrayList<>();
    response.json().path("value").forEach(flow -> keys.add(flow.path("key").asText()));
    return keys;
  }

  private Response run(ApiClient client, String flowKey, Map<String, Object> inputs) {
    return run(client, flowKey, "vendors", vendorId, inputs, null);
  }

  private Response run(
      ApiClient client,
      String flowKey,
      String entitySet,
      String recordId,
      Map<String, Object> inputs,
      String wait) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("companyId", company);
    body.put("entitySet", entitySet);
    body.put("recordId", recordId);
    body.put("inputs", inputs);
    if (wait != null) {
      body.put("wait", wait);
    }
    return client.post("/api/flows/instant/" + flowKey + "/runs", body);
  }

  private long runsOf(String flowKey) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(flowKey).count();
  }

  @Test
  void listsTheFlowsOfThePageWithTheirInputs() {
    String forVendors = flows.deploy(InstantTestFlows.key("Vendors"), "vendors", INPUTS, null);
    String forAll = flows.deploy(InstantTestFlows.key("Any"), "*", null, null);
    String forCustomers = flows.deploy(InstantTestFlows.key("Customers"), "customers", null, null);
    String suspended = flows.deploy(InstantTestFlows.key("Off"), "vendors", null, null);
    repository.suspendProcessDefinitionByKey(suspended);
    String otherCompany =
        flows.deploy(
            InstantTestFlows.key("Other"),
            "vendors",
            null,
            null,
            "instant.companies",
            UUID.randomUUID().toString());

    Response response = list(flowUser(), "vendors");

    assertThat(response.status()).isEqualTo(200);
    assertThat(keys(response))
        .contains(forVendors, forAll)
        .doesNotContain(forCustomers, suspended, otherCompany);
    JsonNode flow = find(response, forVendors);
    assertThat(flow.path("name").asText()).isEqualTo("Flow " + forVendors);
    assertThat(flow.path("description").asText()).isEqualTo("What " + forVendors + " does.");
    JsonNode inputs = flow.path("inputs");
    assertThat(inputs).hasSize(5);
    assertThat(inputs.get(0).path("id").asText()).isEqualTo("reason");
    assertThat(inputs.get(0).path("label").asText()).isEqualTo("Reason");
    assertThat(inputs.get(0).path("type").asText()).isEqualTo("string");
    assertThat(inputs.get(0).path("required").asBoolean()).isTrue();
    assertThat(inputs.get(0).path("maxLength").asInt()).isEqualTo(20);
    assertThat(inputs.get(1).path("type").asText()).isEqualTo("long");
    assertThat(inputs.get(1).path("defaultValue").asText()).isEqualTo("7");
    assertThat(inputs.get(1).path("max").asText()).isEqualTo("30");
    assertThat(inputs.get(4).path("options").findValuesAsText("id"))
        .containsExactly("email", "teams");
    assertThat(inputs.get(4).path("options").findValuesAsText("name"))
        .containsExactly("Email", "Teams");
  }

  private static JsonNode find(Response response, String key) {
    for (JsonNode flow : response.json().path("value")) {
      if (flow.path("key").asText().equals(key)) {
        return flow;
      }
    }
    throw new AssertionError(key + " not listed: " + response);
  }

  @Test
  void theListNeedsTheEntitySetOfThePage() {
    Response response = flowUser().get("/api/flows/instant");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("target").asText()).isEqualTo("entitySet");
  }

  @Test
  void startsARunWithTypedInputsTheRecordAndItsLink() {
    String key = flows.deploy(InstantTestFlows.key("Typed"), "vendors", INPUTS, null);

    Response response =
        run(
            flowUser(),
            key,
            Map.of("reason", "Late delivery", "days", 12, "urgent", true, "until", "2026-12-31"));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    String runId = response.json().path("runId").asText();
    assertThat(response.header("Location")).isEqualTo("/api/flows/instant/runs/" + runId);
    assertThat(response.json().path("flowKey").asText()).isEqualTo(key);
    assertThat(response.json().path("status").asText()).isEqualTo("completed");
    assertThat(response.json().path("startedAt").asText()).isNotBlank();
    HistoricProcessInstance instance =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(runId)
            .singleResult();
    assertThat(instance.getProcessDefinitionKey()).isEqualTo(key);
    Map<String, Object> variables = variables(instance.getId());
    assertThat(variables.get("reason")).isEqualTo("Late delivery");
    assertThat(variables.get("days")).isEqualTo(12L);
    assertThat(variables.get("urgent")).isEqualTo(true);
    assertThat(variables.get("until")).isInstanceOf(Date.class);
    assertThat(variables.get("channel")).isEqualTo("email");
    assertThat(variables.get(RunVariables.COMPANY_ID.name())).isEqualTo(company);
    assertThat(RunVariables.ENTITY_SET.from(variables)).isEqualTo("vendors");
    assertThat(variables.get(RunVariables.RECORD_ID.name())).isEqualTo(vendorId);
    assertThat(RunVariables.STARTED_BY.from(variables)).startsWith("ann-");
    assertThat(RunVariables.RECORD.from(variables).get("displayName")).isEqualTo("Fabrikam");
    assertThat(RunVariables.WEB_CLIENT_URL.from(variables))
        .startsWith("http://localhost:8080/erp/?company=")
        .contains("&page=26&")
        .contains(vendorId);
  }

  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> variables = new java.util.HashMap<>();
    for (HistoricVariableInstance variable :
        history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()) {
      variables.put(variable.getName(), variable.getValue());
    }
    return variables;
  }

  @Test
  void badInputsAreAllNamedAndNothingStarts() {
    String key = flows.deploy(InstantTestFlows.key("Strict"), "vendors", INPUTS, null);

    Response response =
        run(
            flowUser(),
            key,
            Map.of(
                "days", "many", "urgent", "maybe", "until", "31-12", "channel", "fax", "color",
                "red"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("InvalidInputs");
    Map<String, String> problems = new java.util.HashMap<>();
    response
        .json()
        .path("error")
        .path("details")
        .forEach(
            detail -> problems.put(detail.path("target").asText(), detail.path("code").asText()));
    assertThat(problems)
        .containsEntry("inputs.reason", "required")
        .containsEntry("inputs.days", "type")
        .containsEntry("inputs.urgent", "type")
        .containsEntry("inputs.until", "type")
        .containsEntry("inputs.channel", "enum")
        .containsEntry("inputs.color", "unknown");
    assertThat(runsOf(key)).isZero();
  }

  @Test
  void limitsOfInputsAreChecked() {
    String key = flows.deploy(InstantTestFlows.key("Limits"), "vendors", INPUTS, null);
    ApiClient user = flowUser();

    Response tooFew = run(user, key, Map.of("reason", "ok!", "days", 0));
    Response tooMany = run(user, key, Map.of("reason", "ok!", "days", 31));
    Response tooShort = run(user, key, Map.of("reason", "no"));
    Response tooLong = run(user, key, Map.of("reason", "x".repeat(21)));

    assertThat(tooFew.json().path("error").path("details").get(0).path("code").asText())
        .isEqualTo("min");
    assertThat(tooMany.json().path("error").path("details").get(0).path("code").asText())
        .isEqualTo("max");
    assertThat(tooShort.json().path("error").path("details").get(0).path("code").asText())
        .isEqualTo("minlength");
    assertThat(tooLong.json().path("error").path("details").get(0).path("code").asText())
        .isEqualTo("maxlength");
    assertThat(runsOf(key)).isZero();
  }

  @Test
  void datesBeyondTheCalendarAndTextsBeyondWhatAVariableHoldsAreNamed() {
    String key =
        flows.deploy(
            InstantTestFlows.key("Bounds"),
            "vendors",
            """
            <camunda:formField id="note" label="Note" type="string" />
            <camunda:formField id="until" label="Until" type="date" />
            """,
            null);
    ApiClient user = flowUser();

    Response farFuture = run(user, key, Map.of("until", "+999999999-12-31"));
    Response farPast = run(user, key, Map.of("until", "-999999999-01-01"));
    Response longNote = run(user, key, Map.of("note", "x".repeat(4001)));

    for (Response refused : List.of(farFuture, farPast, longNote)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("InvalidInputs");
    }
    JsonNode until = farFuture.json().path("error").path("details").get(0);
    assertThat(until.path("target").asText()).isEqualTo("inputs.until");
    assertThat(until.path("message").asText()).contains("9999-12-31");
    assertThat(farPast.json().path("error").path("details").get(0).path("target").asText())
        .isEqualTo("inputs.until");
    JsonNode note = longNote.json().path("error").path("details").get(0);
    assertThat(note.path("target").asText()).isEqualTo("inputs.note");
    assertThat(note.path("message").asText()).contains("4000");
    assertThat(runsOf(key)).isZero();
    assertThat(run(user, key, Map.of("note", "x".repeat(4000), "until", "9999-12-31")).status())
        .isBetween(200, 299);
  }

  @Test
  void refusesWhatCannotRunAndStartsNothing() {
    String key = flows.deploy(InstantTestFlows.key("Refused"), "vendors", null, null);
    String off = flows.deploy(InstantTestFlows.key("Off"), "vendors", null, null);
    repository.suspendProcessDefinitionByKey(off);
    String customerId =
        erp.create("customers", Map.of("displayName", "Adatum")).path("id").asText();
    ApiClient user = flowUser();

    Response unknownFlow = run(user, "NoSuchFlow", Map.of());
    Response unknownRecord =
        run(user, key, "vendors", UUID.randomUUID().toString(), Map.of(), null);
    Response otherEntitySet = run(user, key, "customers", customerId, Map.of(), null);
    Response suspended = run(user, off, Map.of());
    Response noCompany =
        user.post(
            "/api/flows/instant/" + key + "/runs",
            Map.of("entitySet", "vendors", "recordId", vendorId));
    Response badWait = run(user, key, "vendors", vendorId, Map.of(), "ten seconds");
    Response notJson = user.post("/api/flows/instant/" + key + "/runs", "{not json");

    assertThat(unknownFlow.status()).isEqualTo(404);
    assertThat(unknownFlow.errorCode()).isEqualTo("FlowNotFound");
    assertThat(unknownRecord.status()).isEqualTo(404);
    assertThat(otherEntitySet.status()).isEqualTo(400);
    assertThat(otherEntitySet.errorCode()).isEqualTo("EntitySetNotSupported");
    assertThat(suspended.status()).isEqualTo(409);
    assertThat(suspended.errorCode()).isEqualTo("FlowSuspended");
    assertThat(noCompany.status()).isEqualTo(400);
    assertThat(noCompany.json().path("error").path("target").asText()).isEqualTo("companyId");
    assertThat(badWait.status()).isEqualTo(400);
    assertThat(badWait.json().path("error").path("target").asText()).isEqualTo("wait");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(runsOf(key) + runsOf(off)).isZero();
  }

  @Test
  void aWaitOfAtMostSixtySecondsIsAcceptedAndALongerOneRefused() {
    String key = flows.deploy(InstantTestFlows.key("Patient"), "vendors", null, null);
    ApiClient user = flowUser();

    Response tooLong = run(user, key, "vendors", vendorId, Map.of(), "PT60.001S");
    Response tooLongAsParameter =
        user.post(
            "/api/flows/instant/" + key + "/runs?wait=PT61S",
            Map.of("companyId", company, "entitySet", "vendors", "recordId", vendorId));
    Response sixty = run(user, key, "vendors", vendorId, Map.of(), "PT60S");

    for (Response refused : List.of(tooLong, tooLongAsParameter)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.json().path("error").path("target").asText()).isEqualTo("wait");
      assertThat(refused.json().path("error").path("message").asText()).contains("PT60S");
    }
    assertThat(sixty.status()).as(sixty.toString()).isEqualTo(201);
    assertThat(sixty.json().path("status").asText()).isEqualTo("completed");
    assertThat(runsOf(key)).as("only the accepted request started a run").isEqualTo(1);
  }

  @Test
  void aReadonlyInputKeepsItsDefaultAndAnotherValueIsRefused() {
    String key =
        flows.deploy(
            InstantTestFlows.key("Fixed"),
            "vendors",
            """
            <camunda:formField id="channel" label="Channel" type="string" defaultValue="email">
              <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
            </camunda:formField>
            """,
            null);
    ApiClient user = flowUser();

    Response changed = run(user, key, Map.of("channel", "fax"));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(400);
    assertThat(changed.errorCode()).isEqualTo("InvalidInputs");
    JsonNode problem = changed.json().path("error").path("details").get(0);
    assertThat(problem.path("target").asText()).isEqualTo("inputs.channel");
    assertThat(problem.path("code").asText()).isEqualTo("readonly");
    assertThat(runsOf(key)).isZero();

    Response asDefault = run(user, key, Map.of("channel", "email"));
    Response left = run(user, key, Map.of());
    for (Response started : List.of(asDefault, left)) {
      assertThat(started.status()).as(started.toString()).isEqualTo(201);
      assertThat(variables(started.json().path("processInstanceId").asText()))
          .containsEntry("channel", "email");
    }
    JsonNode listed = list(user, "vendors").json().path("value");
    for (JsonNode flow : listed) {
      if (flow.path("key").asText().equals(key)) {
        assertThat(flow.path("inputs").get(0).path("readonly").asBoolean()).isTrue();
      }
    }
    assertThat(keys(list(user, "vendors"))).contains(key);
  }

  @Test
  void waitsUntilTheRunWaitsForAPerson() {
    String key = flows.deploy(InstantTestFlows.key("Review"), "vendors", null, USER_TASK);

    Response response = run(flowUser(), key, "vendors", vendorId, Map.of(), "PT10S");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().path("status").asText()).isEqualTo("waiting");
    assertThat(response.json().path("waitingAt").get(0).path("name").asText())
        .isEqualTo("Review the request");
  }

  @Test
  void waitsForTheEndAndAnswersTheResponseVariables() {
    String key = flows.deploy(InstantTestFlows.key("Answer"), "vendors", null, ASYNC_ANSWER);
    ApiClient user = flowUser();

    Response response = run(user, key, "vendors", vendorId, Map.of(), "PT10S");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().path("status").asText()).isEqualTo("completed");
    assertThat(response.json().path("response").path("responseMessage").asText())
        .isEqualTo("Done for Fabrikam");
    Response run = user.get(response.header("Location"));
    assertThat(run.status()).isEqualTo(200);
    assertThat(run.json().path("status").asText()).isEqualTo("completed");
    assertThat(run.json().path("response").path("responseMessage").asText())
        .isEqualTo("Done for Fabrikam");
  }

  @Test
  void withoutWaitingTheRunIsStillRunning() {
    String key = flows.deploy(InstantTestFlows.key("NoWait"), "vendors", null, ASYNC_ANSWER);

    ApiClient user = flowUser();

    Response response = run(user, key, Map.of());

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().path("status").asText()).isEqualTo("running");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> user.get(response.header("Location")).json().path("status").asText(),
            "completed"::equals);
  }

  @Test
  void aRunIsVisibleToItsStarterOnly() {
    String key = flows.deploy(InstantTestFlows.key("Mine"), "vendors", null, null);
    Response started = run(flowUser(), key, Map.of());

    admin.post("/api/flows/consent", Map.of("agree", true));

    Response byOther = flowUser().get(started.header("Location"));
    Response byAdmin = admin.get(started.header("Location"));

    assertThat(byOther.status()).isEqualTo(404);
    assertThat(byAdmin.status()).isEqualTo(200);
  }

  @Test
  void withoutTheAutomatePermissionNothingIsListedOrRun() {
    String key = flows.deploy(InstantTestFlows.key("Guarded"), "vendors", null, null);
    String userId = users.create("bob");
    ApiClient bob = users.client(userId);
    bob.post("/api/flows/consent", Map.of("agree", true));

    Response listed = list(bob, "vendors");
    Response started = run(bob, key, Map.of());

    assertThat(listed.status()).isEqualTo(403);
    assertThat(listed.errorCode()).isEqualTo("AutomatePermissionRequired");
    assertThat(started.status()).isEqualTo(403);
    assertThat(runsOf(key)).isZero();
  }

  @Test
  void anAuthorizationOnOneFlowLetsTheUserRunThatFlow() {
    String granted = flows.deploy(InstantTestFlows.key("Granted"), "vendors", null, null);
    String other = flows.deploy(InstantTestFlows.key("NotGranted"), "vendors", null, null);
    String userId = users.create("carol");
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(userId);
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId(granted);
    grant.addPermission(Permissions.CREATE_INSTANCE);
    grants.add(authorizations.saveAuthorization(grant).getId());
    ApiClient carol = users.client(userId);
    carol.post("/api/flows/consent", Map.of("agree", true));

    assertThat(keys(list(carol, "vendors"))).contains(granted).doesNotContain(other);
    assertThat(run(carol, granted, Map.of()).status()).isEqualTo(201);
    assertThat(run(carol, other, Map.of()).status()).isEqualTo(403);
  }

  @Test
  void flowsNeedConsentUntilTheUserAgrees() {
    flows.deploy(InstantTestFlows.key("Consent"), "vendors", null, null);
    ApiClient dave = users.client(users.create("dave", "flow-users"));

    Response before = list(dave, "vendors");
    JsonNode notice = dave.get("/api/flows/consent").json();
    Response agreed = dave.post("/api/flows/consent", Map.of("agree", true));
    Response after = list(dave, "vendors");
    dave.post("/api/flows/consent", Map.of("agree", false));
    Response disagreed = list(dave, "vendors");

    assertThat(before.status()).isEqualTo(403);
    assertThat(before.errorCode()).isEqualTo("ConsentRequired");
    assertThat(notice.path("agreed").asBoolean()).isFalse();
    assertThat(notice.path("userMayDecide").asBoolean()).isTrue();
    assertThat(notice.path("privacyNotice").asText()).contains("run history");
    assertThat(agreed.json().path("agreed").asBoolean()).isTrue();
    assertThat(agreed.json().path("decision").path("decidedAt").asText()).isNotBlank();
    assertThat(after.status()).isEqualTo(200);
    assertThat(disagreed.errorCode()).isEqualTo("ConsentRequired");
  }

  @Test
  void theAdministratorsPolicyDecidesForEveryone() {
    ApiClient agreedUser = flowUser();
    ApiClient undecidedUser = users.client(users.create("erin", "flow-users"));

    Response disagree =
        admin.send(
            "PUT", "/api/flows/admin/consent-policy", Map.of("policy", "disagreeForEveryone"));
    Response refusedForAgreed = list(agreedUser, "vendors");
    Response cannotDecide = undecidedUser.post("/api/flows/consent", Map.of("agree", true));
    admin.send("PUT", "/api/flows/admin/consent-policy", Map.of("policy", "agreeForEveryone"));
    Response allowedForUndecided = list(undecidedUser, "vendors");
    JsonNode policy = admin.get("/api/flows/admin/consent-policy").json();

    assertThat(disagree.status()).isEqualTo(200);
    assertThat(refusedForAgreed.errorCode()).isEqualTo("ConsentRequired");
    assertThat(cannotDecide.status()).isEqualTo(409);
    assertThat(allowedForUndecided.status()).isEqualTo(200);
    assertThat(policy.path("policy").asText()).isEqualTo("agreeForEveryone");
    assertThat(policy.path("changedBy").asText()).isEqualTo(StroomlijnTest.ADMIN);
  }

  @Test
  void onlyAdministratorsSetThePolicyAndOnlyToKnownValues() {
    ApiClient user = flowUser();

    Response byUser =
        user.send("PUT", "/api/flows/admin/consent-policy", Map.of("policy", "agreeForEveryone"));
    Response unknown =
        admin.send("PUT", "/api/flows/admin/consent-policy", Map.of("policy", "sometimes"));
    Response badDecision = user.post("/api/flows/consent", Map.of("agree", "yes"));

    assertThat(byUser.status()).isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asText()).contains("userDecides");
    assertThat(badDecision.status()).isEqualTo(400);
    assertThat(admin.get("/api/flows/admin/consent-policy").json().path("policy").asText())
        .isEqualTo("userDecides");
  }
}
