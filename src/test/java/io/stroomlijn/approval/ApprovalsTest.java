package io.stroomlijn.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.ReceivedMails;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The approval step end to end: a sales invoice's approval request starts a flow that calls "Start
 * and wait for an approval"; approvers answer over the approvals API; the ERP's document status and
 * approval entries follow.
 */
@StroomlijnTest
class ApprovalsTest {

  static final String PASSWORD = "approver-password";
  static final List<String> APPROVERS =
      List.of("ap-alice", "ap-bob", "ap-carol", "ap-dave", "ap-eve");
  static final Duration DEADLINE = Duration.ofSeconds(15);

  @RegisterExtension
  static WireMockExtension teams =
      WireMockExtension.newInstance().options(wireMockConfig().port(18089)).build();

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired ApprovalLinks links;
  @Autowired TaskService tasks;

  ErpFixture erp;
  ApiClient api;
  String invoice;
  String invoicePath;
  String flowKey;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void invoiceAndApprovers() {
    for (String id : APPROVERS) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName(id);
        user.setLastName("Approver");
        user.setEmail(id + "@cronus.test");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
      }
    }
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    String customer = erp.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    invoice = erp.draftSalesInvoice(customer);
    invoicePath = erp.path("salesInvoices", invoice);
    erp.addSalesInvoiceLine(invoice, erp.item("Widget", "250").get("id").asText(), 4);
  }

  @AfterEach
  void cleanUp() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    APPROVERS.forEach(identity::deleteUser);
  }

  /** A flow on this company's sales invoice approval requests that calls the approval step. */
  private void approvalFlow(String approvers, String type, String dueIn) {
    approvalFlow(approvers, type, dueIn, Map.of());
  }

  private void approvalFlow(
      String approvers, String type, String dueIn, Map<String, String> inputs) {
    flowKey = "InvoiceApproval_" + erp.company().toString().substring(0, 8);
    String bpmn = ApprovalTestFlows.bpmn(flowKey, erp.company(), approvers, type, dueIn, inputs);
    deployments.add(
        repository.createDeployment().addString(flowKey + ".bpmn", bpmn).deploy().getId());
  }

  private static ApiClient as(int port, String user) {
    return ApiClient.as(port, user, PASSWORD);
  }

  /** The approver's open requests, once there are {@code count}. */
  private JsonNode requestsOf(String approver, int count) {
    ApiClient client = as(port, approver);
    await()
        .atMost(DEADLINE)
        .until(() -> client.get("/api/approvals").json().get("value").size() == count);
    return client.get("/api/approvals").json().get("value");
  }

  private HistoricProcessInstance finishedRun() {
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                history
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(flowKey)
                        .finished()
                        .count()
                    == 1);
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(flowKey)
        .singleResult();
  }

  private Object variable(HistoricProcessInstance run, String name) {
    return history
        .createHistoricVariableInstanceQuery()
        .processInstanceId(run.getId())
        .variableName(name)
        .singleResult()
        .getValue();
  }

  private JsonNode entries() {
    return api.get(
            erp.path("approvalEntries")
                + ApiClient.query(
                    "$filter", "recordId eq " + invoice, "$orderby", "sequenceNumber"))
        .json()
        .get("value");
  }

  private String approvalStatus() {
    return erp.read("salesInvoices", invoice).path("approvalStatus").asText();
  }

  @Test
  void theFirstToRespondDecidesTheOtherEntriesAreCanceledAndTheInvoiceIsReleased() {
    approvalFlow("user:ap-alice, user:ap-bob", "firstToRespond", "P3D");

    assertThat(api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "").status())
        .isEqualTo(204);

    JsonNode request = requestsOf("ap-alice", 1).get(0);
    assertThat(request.path("title").asText()).startsWith("Approve invoice ");
    assertThat(request.path("details").asText()).isEqualTo("For Contoso");
    assertThat(request.path("requestedBy").asText()).isEqualTo("admin");
    assertThat(request.path("amount").asDouble()).isEqualTo(1210.0);
    assertThat(requestsOf("ap-bob", 1)).hasSize(1);
    assertThat(entries())
        .extracting(e -> e.path("status").asText())
        .containsExactly("Open", "Open");
    await().atMost(DEADLINE).until(() -> Arrays.stream(smtp.getReceivedMessages()).count() >= 2);
    assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0]))
        .contains("asks for your approval");

    Response approved =
        as(port, "ap-alice")
            .post(
                "/api/approvals/" + request.path("id").asText() + "/approve",
                Map.of("comment", "Fine by me"));

    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    HistoricProcessInstance run = finishedRun();
    assertThat(variable(run, "outcome")).isEqualTo("Approve");
    assertThat(approvalStatus()).isEqualTo("Released");
    JsonNode entries = entries();
    assertThat(entries.get(0).path("approverUserName").asText()).isEqualTo("ap-alice");
    assertThat(entries.get(0).path("status").asText()).isEqualTo("Approved");
    assertThat(entries.get(0).path("comment").asText()).isEqualTo("Fine by me");
    assertThat(entries.get(1).path("status").asText()).isEqualTo("Canceled");
    assertThat(as(port, "ap-bob").get("/api/approvals").json().get("value")).isEmpty();
    Response late =
        as(port, "ap-alice").post("/api/approvals/" + request.path("id").asText() + "/reject", "");
    assertThat(late.status()).isEqualTo(409);
    assertThat(api.post(invoicePath + "/Microsoft.NAV.post", "").status()).isEqualTo(204);
  }

  @Test
  void whenEveryoneMustApproveOneRejectionRejectsAndReopensTheInvoice() {
    approvalFlow("user:ap-alice,user:ap-bob", "everyone", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");

    String alice = requestsOf("ap-alice", 1).get(0).path("id").asText();
    String bob = requestsOf("ap-bob", 1).get(0).path("id").asText();
    as(port, "ap-alice").post("/api/approvals/" + alice + "/approve", "");

    assertThat(approvalStatus()).isEqualTo("Pending Approval");
    as(port, "ap-bob")
        .post("/api/approvals/" + bob + "/reject", Map.of("comment", "Price too low"));

    HistoricProcessInstance run = finishedRun();
    assertThat(variable(run, "outcome")).isEqualTo("Reject");
    assertThat((List<?>) variable(run, "responses")).hasSize(2);
    assertThat(approvalStatus()).isEqualTo("Open");
    assertThat(erp.read("salesInvoices", invoice).path("status").asText()).isEqualTo("Draft");
  }

  @Test
  void onlyTheAssignedApproverMayRespond() {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    String request = requestsOf("ap-alice", 1).get(0).path("id").asText();

    Response stranger = as(port, "ap-eve").post("/api/approvals/" + request + "/approve", "");
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.errorCode()).isEqualTo("NotYourApproval");
    assertThat(as(port, "ap-eve").post("/api/approvals/nope/approve", "").status()).isEqualTo(404);
    Response tooLong =
        as(port, "ap-alice")
            .post("/api/approvals/" + request + "/approve", Map.of("comment", "x".repeat(4001)));
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(tooLong.json().path("error").path("target").asText()).isEqualTo("comment");
    assertThat(approvalStatus()).isEqualTo("Pending Approval");
  }

  @Test
  void aDelegatedRequestGoesToTheApproversSubstitute() {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    String request = requestsOf("ap-alice", 1).get(0).path("id").asText();

    Response delegated =
        as(port, "ap-alice")
            .post("/api/approvals/" + request + "/delegate", Map.of("comment", "On leave"));

    assertThat(delegated.json().path("delegatedTo").asText()).isEqualTo("ap-bob");
    assertThat(as(port, "ap-alice").get("/api/approvals").json().get("value")).isEmpty();
    assertThat(entries().get(0).path("approverUserName").asText()).isEqualTo("ap-bob");
    as(port, "ap-bob").post("/api/approvals/" + request + "/approve", "");
    assertThat(variable(finishedRun(), "outcome")).isEqualTo("Approve");
    assertThat(entries().get(0).path("status").asText()).isEqualTo("Approved");
    Response afterTheEnd = as(port, "ap-bob").post("/api/approvals/" + request + "/delegate", "");
    assertThat(afterTheEnd.status()).isEqualTo(409);
    assertThat(afterTheEnd.errorCode()).isEqualTo("AlreadyAnswered");
  }

  @Test
  void delegatingWithoutASubstituteIsRefusedWithNoSubstituteAndTheRequestStays() {
    // ap-alice's substitute is ap-bob, who has none of his own
    approvalFlow("user:ap-alice", "firstToRespond", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    String request = requestsOf("ap-alice", 1).get(0).path("id").asText();
    as(port, "ap-alice").post("/api/approvals/" + request + "/delegate", "");
    requestsOf("ap-bob", 1);

    Response noSubstitute = as(port, "ap-bob").post("/api/approvals/" + request + "/delegate", "");

    assertThat(noSubstitute.status()).as(noSubstitute.toString()).isEqualTo(409);
    assertThat(noSubstitute.errorCode()).isEqualTo("NoSubstitute");
    assertThat(noSubstitute.json().path("error").path("message").asText())
        .contains("stroomlijn.approvals.users.ap-bob.substitute");
    assertThat(requestsOf("ap-bob", 1).get(0).path("id").asText()).isEqualTo(request);
    assertThat(entries().get(0).path("approverUserName").asText()).isEqualTo("ap-bob");
    assertThat(approvalStatus()).isEqualTo("Pending Approval");
  }

  @Test
  void cancelingTheRequestEndsTheApproval() {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    requestsOf("ap-alice", 1);

    api.post(invoicePath + "/Microsoft.NAV.cancelApprovalRequest", "");

    assertThat(variable(finishedRun(), "outcome")).isEqualTo("Cancel");
    assertThat(as(port, "ap-alice").get("/api/approvals").json().get("value")).isEmpty();
    assertThat(entries().get(0).path("status").asText()).isEqualTo("Canceled");
    assertThat(approvalStatus()).isEqualTo("Open");
  }

  @Test
  void withoutResponsesByTheDueDateTheRequestIsRejected() {
    approvalFlow("user:ap-alice", "firstToRespond", "PT1S");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");

    assertThat(variable(finishedRun(), "outcome")).isEqualTo("Reject");
    assertThat(approvalStatus()).isEqualTo("Open");
    assertThat(entries().get(0).path("status").asText()).isEqualTo("Canceled");
  }

  /**
   * The timer at this boundary event of the waiting approval step: its due date is asserted, then
   * it is executed now, as the job executor does when it is due (that due timers fire on time is
   * shown by TimerPrecisionTest).
   */
  private Job timer(String boundaryEvent) {
    return await()
        .atMost(DEADLINE)
        .until(
            () ->
                management
                    .createJobQuery()
                    .processDefinitionKey(ApprovalVariables.PROCESS_KEY)
                    .activityId(boundaryEvent)
                    .list()
                    .stream()
                    .filter(job -> approvalRunOf(job.getProcessInstanceId()))
                    .findFirst()
                    .orElse(null),
            job -> job != null);
  }

  private Instant dueAt(String boundaryEvent) {
    return timer(boundaryEvent).getDuedate().toInstant();
  }

  private void fireTimer(String boundaryEvent) {
    management.executeJob(timer(boundaryEvent).getId());
  }

  private boolean approvalRunOf(String processInstanceId) {
    return runtime
            .createProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .variableValueEquals(RunVariables.RECORD_ID.name(), invoice)
            .count()
        == 1;
  }

  /** The due date the approval step gave this invoice's request. */
  private Instant requestDueDate() {
    String approvalRun =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(ApprovalVariables.PROCESS_KEY)
            .variableValueEquals("recordId", invoice)
            .singleResult()
            .getId();
    return ((Date) runtime.getVariable(approvalRun, ApprovalVariables.DUE_DATE.name())).toInstant();
  }

  /**
   * Sends the invoice's approval request and returns its due date, checked against {@code dueIn}.
   */
  private Instant sendRequestDueIn(Duration dueIn, String approver) {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS); // dates keep milliseconds
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    requestsOf(approver, 1);
    Instant due = requestDueDate();
    assertThat(due).isBetween(before.plus(dueIn), Instant.now().plus(dueIn));
    return due;
  }

  @Test
  void approversWhoHaveNotAnsweredAreRemindedBeforeTheDueDate() {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D", Map.of("remindBefore", "P1D"));
    Instant due = sendRequestDueIn(Duration.ofDays(3), "ap-alice");

    assertThat(dueAt("Boundary_Remind")).isEqualTo(due.minus(Duration.ofDays(1)));
    assertThat(dueAt("Boundary_Due")).as("expires at the due date").isEqualTo(due);
    assertThat(dueAt("Boundary_Escalate")).as("no escalation: after the expiry").isAfter(due);
    fireTimer("Boundary_Remind");

    await()
        .atMost(DEADLINE)
        .until(
            () ->
                Arrays.stream(smtp.getReceivedMessages())
                    .anyMatch(
                        mail ->
                            ReceivedMails.subject(mail)
                                .startsWith("Reminder, approval requested: ")));
    assertThat(requestsOf("ap-alice", 1)).hasSize(1);
    assertThat(dueAt("Boundary_Due")).as("the reminder leaves the due date").isEqualTo(due);
  }

  @Test
  void withoutARemindBeforeNoReminderComesBeforeTheExpiry() {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D");
    Instant due = sendRequestDueIn(Duration.ofDays(3), "ap-alice");

    assertThat(dueAt("Boundary_Due")).isEqualTo(due);
    assertThat(dueAt("Boundary_Remind")).isAfter(due);
  }

  @Test
  void anEscalatedRequestGoesToTheApproversApproverWhenDue() {
    approvalFlow("user:ap-carol", "firstToRespond", "P3D", Map.of("escalate", "true"));
    Instant due = sendRequestDueIn(Duration.ofDays(3), "ap-carol");

    assertThat(dueAt("Boundary_Escalate")).as("escalates at the due date").isEqualTo(due);
    assertThat(dueAt("Boundary_Due"))
        .as("expires one period after the due date")
        .isEqualTo(due.plus(Duration.ofDays(3)));
    fireTimer("Boundary_Escalate");

    // unanswered when due, it is now ap-dave's (ap-carol's approver)
    String escalated = requestsOf("ap-dave", 1).get(0).path("id").asText();
    assertThat(as(port, "ap-carol").get("/api/approvals").json().get("value")).isEmpty();
    assertThat(entries().get(0).path("approverUserName").asText()).isEqualTo("ap-dave");
    assertThat(tasks.createTaskQuery().taskId(escalated).singleResult().getDueDate().toInstant())
        .as("ap-dave's task is due when the request expires")
        .isEqualTo(due.plus(Duration.ofDays(3)));
    String mail = mailTo("ap-dave@cronus.test");
    Matcher link = ApprovalLinksTest.LINK.matcher(mail);
    assertThat(link.find()).as(mail).isTrue();
    assertThat(links.verify(link.group(1).substring("/approvals/links/".length())).expiresAt())
        .as("ap-dave's links work until the request expires")
        .isEqualTo(due.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS));
    as(port, "ap-dave").post("/api/approvals/" + escalated + "/approve", "");
    assertThat(variable(finishedRun(), "outcome")).isEqualTo("Approve");
  }

  @Test
  void anEscalatedRequestStillUnansweredExpiresOnePeriodAfterItsDueDate() {
    approvalFlow("user:ap-carol", "firstToRespond", "P2D", Map.of("escalate", "true"));
    Instant due = sendRequestDueIn(Duration.ofDays(2), "ap-carol");
    fireTimer("Boundary_Escalate");
    requestsOf("ap-dave", 1);

    assertThat(dueAt("Boundary_Due")).isEqualTo(due.plus(Duration.ofDays(2)));
    fireTimer("Boundary_Due");

    assertThat(variable(finishedRun(), "outcome")).isEqualTo("Reject");
    assertThat(approvalStatus()).isEqualTo("Open");
    assertThat(entries().get(0).path("status").asText()).isEqualTo("Canceled");
    assertThat(as(port, "ap-dave").get("/api/approvals").json().get("value")).isEmpty();
  }

  @Test
  void anAmountUpToApproveUpToIsApprovedAtOnceWithoutApprovers() {
    // the invoice is 1,210 including tax
    approvalFlow("user:ap-alice", "firstToRespond", "P3D", Map.of("approveUpTo", "1210"));

    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");

    assertThat(variable(finishedRun(), "outcome")).isEqualTo("Approve");
    assertThat(approvalStatus()).isEqualTo("Released");
    assertThat(as(port, "ap-alice").get("/api/approvals").json().get("value")).isEmpty();
    assertThat(entries()).isEmpty();
  }

  @Test
  void anAmountAboveApproveUpToGoesToTheApprovers() {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D", Map.of("approveUpTo", "1209.99"));

    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");

    assertThat(requestsOf("ap-alice", 1)).hasSize(1);
    assertThat(approvalStatus()).isEqualTo("Pending Approval");
  }

  @Test
  void aTeamsChannelHearsOfEachRequestWhenTheFlowAsks() {
    teams.stubFor(post("/webhookb2/secret-sales-token").willReturn(aResponse().withStatus(202)));
    approvalFlow("user:ap-alice", "firstToRespond", "P3D", Map.of("notifyTeams", "sales"));
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");

    requestsOf("ap-alice", 1);

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                teams.verify(
                    postRequestedFor(urlEqualTo("/webhookb2/secret-sales-token"))
                        .withRequestBody(containing("Approval requested from **ap-alice**"))));
  }

  @Test
  void theRequestersApproverClimbsTheChainWhileTheAmountExceedsTheirLimit() {
    // admin's approver is ap-carol, who may approve up to 500; the invoice is 1,210
    approvalFlow("requestersApprover", "firstToRespond", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");

    assertThat(requestsOf("ap-dave", 1)).hasSize(1);
    assertThat(as(port, "ap-carol").get("/api/approvals").json().get("value")).isEmpty();
  }

  @Test
  void anApproverCompletingThroughEngineRestIsTheResponderAndCannotRewriteTheRun() {
    approvalFlow("user:ap-alice,user:ap-bob", "everyone", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    String alice = requestsOf("ap-alice", 1).get(0).path("id").asText();
    String bob = requestsOf("ap-bob", 1).get(0).path("id").asText();
    String forged = "[{\"approver\":\"admin\",\"decision\":\"Approve\",\"comment\":\"\"}]";

    Response completed =
        as(port, "ap-alice")
            .post(
                "/engine-rest/task/" + alice + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        "decision", Map.of("value", "Approve"),
                        "comment", Map.of("value", "Fine"),
                        "respondedBy", Map.of("value", "admin"),
                        "nrOfCompletedInstances", Map.of("value", 5, "type", "Integer"),
                        "outcome", Map.of("value", "Approve"),
                        "responses",
                            Map.of(
                                "value",
                                forged,
                                "type",
                                "Object",
                                "valueInfo",
                                Map.of(
                                    "objectTypeName",
                                    "java.util.ArrayList",
                                    "serializationDataFormat",
                                    "application/json")))));

    assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
    // everyone must approve: the forged counter did not end the approval, bob still decides
    assertThat(requestsOf("ap-bob", 1)).hasSize(1);
    assertThat(approvalStatus()).isEqualTo("Pending Approval");
    JsonNode entries = entries();
    assertThat(entries.get(0).path("approverUserName").asText()).isEqualTo("ap-alice");
    assertThat(entries.get(0).path("status").asText()).isEqualTo("Approved");
    as(port, "ap-bob").post("/api/approvals/" + bob + "/reject", Map.of("comment", "No"));
    HistoricProcessInstance run = finishedRun();
    assertThat(variable(run, "outcome")).isEqualTo("Reject");
    assertThat(
            ((List<?>) variable(run, "responses"))
                .stream().map(r -> (Object) ((Map<?, ?>) r).get("approver")))
        .containsExactly((Object) "ap-alice", "ap-bob");
  }

  @Test
  void anApproverChangesNoVariableOfTheRunOutsideACompletionAndAnUnknownDecisionIsA400() {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D");
    api.post(invoicePath + "/Microsoft.NAV.sendApprovalRequest", "");
    String task = requestsOf("ap-alice", 1).get(0).path("id").asText();
    ApiClient alice = as(port, "ap-alice");

    Response overwrite =
        alice.send(
            "PUT",
            "/engine-rest/task/" + task + "/variables/approvers",
            Map.of("value", "user:ap-mallory"));
    assertThat(overwrite.status()).as(overwrite.toString()).isEqualTo(403);

    Response maybe =
        alice.post(
            "/engine-rest/task/" + task + "/complete",
            Map.of("variables", Map.of("decision", Map.of("value", "Maybe"))));
    assertThat(maybe.status()).as(maybe.toString()).isEqualTo(400);
    assertThat(maybe.json().get("message").asText()).contains("decision");
    assertThat(requestsOf("ap-alice", 1)).as("still open").hasSize(1);
  }

  @Test
  void approvingAndRejectingOneRequestAtOnceAnswersOnceAndConflictsOnce() throws Exception {
    approvalFlow("user:ap-alice", "firstToRespond", "P3D");
    ApiClient alice = as(port, "ap-alice");
    for (int round = 0; round < 4; round++) {
      String customer =
          erp.create("customers", Map.of("displayName", "Round " + round)).get("id").asText();
      String invoice = erp.draftSalesInvoice(customer);
      erp.addSalesInvoiceLine(invoice, erp.item("Gadget", "10").get("id").asText(), 1);
      api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.sendApprovalRequest", "");
      String request = requestsOf("ap-alice", 1).get(0).path("id").asText();

      CountDownLatch start = new CountDownLatch(1);
      ExecutorService both = Executors.newFixedThreadPool(2);
      List<Future<Response>> answers = new ArrayList<>();
      for (String verb : List.of("approve", "reject")) {
        answers.add(
            both.submit(
                () -> {
                  start.await();
                  return alice.post("/api/approvals/" + request + "/" + verb, "");
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Response> answer : answers) {
        Response response = answer.get(30, TimeUnit.SECONDS);
        if (response.status() != 200) {
          assertThat(response.errorCode()).as(response.toString()).isEqualTo("AlreadyAnswered");
        }
        statuses.add(response.status());
      }
      both.shutdown();
      assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
    }
  }

  @Test
  void anApprovalStepWithANegativeDueInOrReminderIsRefusedAtDeployment() {
    String key = "NegativeDue_" + erp.company().toString().substring(0, 8);
    String negativeDue =
        ApprovalTestFlows.bpmn(key, erp.company(), "user:ap-alice", "firstToRespond", "-P1D");
    String negativeReminder =
        ApprovalTestFlows.bpmn(
            key,
            erp.company(),
            "user:ap-alice",
            "firstToRespond",
            "P3D",
            Map.of("remindBefore", "-PT1H"));

    for (String[] bpmn :
        new String[][] {{negativeDue, "dueIn"}, {negativeReminder, "remindBefore"}}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> repository.createDeployment().addString(key + ".bpmn", bpmn[0]).deploy())
          .isInstanceOf(org.camunda.bpm.engine.ParseException.class)
          .hasMessageContaining("Activity_Approval")
          .hasMessageContaining(bpmn[1]);
    }
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count())
        .isZero();
  }

  /** The body of the latest mail to this address, once one has arrived. */
  private String mailTo(String address) {
    return await()
        .atMost(DEADLINE)
        .until(
            () ->
                Arrays.stream(smtp.getReceivedMessages())
                    .filter(mail -> ReceivedMails.sentTo(mail, address))
                    .reduce((first, second) -> second)
                    .map(ReceivedMails::text)
                    .orElse(null),
            java.util.Objects::nonNull);
  }
}
