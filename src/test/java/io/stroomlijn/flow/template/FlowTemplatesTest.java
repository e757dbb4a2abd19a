package io.stroomlijn.flow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Business Central's approval workflow templates, listed and turned into running flows. */
@StroomlijnTest
class FlowTemplatesTest {

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;

  ErpFixture erp;
  ApiClient admin;
  TestUsers users;
  final List<String> keys = new ArrayList<>();

  @BeforeEach
  void setUp() {
    erp = ErpFixture.newCompany(companies, port);
    admin = erp.api();
    users = new TestUsers(identity, port);
  }

  @AfterEach
  void tearDown() {
    for (String key : keys) {
      repository.createProcessDefinitionQuery().processDefinitionKey(key).list().stream()
          .map(definition -> definition.getDeploymentId())
          .distinct()
          .forEach(id -> repository.deleteDeployment(id, true));
    }
    users.removeAll();
  }

  private String key(String name) {
    String key = name + "_" + erp.company().toString().substring(0, 8);
    keys.add(key);
    return key;
  }

  @Test
  void listsBusinessCentralsApprovalWorkflowsWithTheirParameters() {
    JsonNode templates = admin.get("/api/flows/templates").json().get("value");

    assertThat(templates.findValuesAsText("id"))
        .containsExactly(
            "MS-CUSTAPW",
            "MS-ITEMAPW",
            "MS-PIAPW",
            "MS-POAPW",
            "MS-SIAPW",
            "MS-SOAPW",
            "MS-VENDAPW");
    JsonNode salesInvoices = templates.get(4);
    assertThat(salesInvoices.path("name").asText()).isEqualTo("Sales invoice approval workflow");
    assertThat(salesInvoices.path("entitySet").asText()).isEqualTo("salesInvoices");
    assertThat(salesInvoices.path("parameters").findValuesAsText("name"))
        .contains("flowName", "approvers", "approvalType", "approveUpTo", "dueIn", "company");
  }

  @Test
  void aVendorFlowFromTheTemplateBlocksTheVendorUntilApproved() {
    String approver =
        users.create(
            "approver",
            users.group("vendor-approvers-" + erp.company().toString().substring(0, 6)));
    String group = identity.createGroupQuery().groupMember(approver).singleResult().getId();
    String key = key("VendorApproval");

    Response created =
        admin.post(
            "/api/flows/templates/MS-VENDAPW/flows",
            Map.of(
                "key",
                key,
                "parameters",
                Map.of(
                    "flowName",
                    "Vendor approval",
                    "approvers",
                    "group:" + group,
                    "company",
                    erp.company().toString())));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("version").asInt()).isEqualTo(1);
    assertThat(created.json().path("name").asText()).isEqualTo("Vendor approval");
    String vendor = erp.create("vendors", Map.of("displayName", "Fabrikam")).get("id").asText();
    admin.post(erp.path("vendors", vendor) + "/Microsoft.NAV.sendApprovalRequest", "");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> erp.read("vendors", vendor).path("blocked").asText().equals("All"));
    approveFirstRequestOf(approver);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> erp.read("vendors", vendor).path("blocked").asText().equals(" "));
    Response again =
        admin.post(
            "/api/flows/templates/MS-VENDAPW/flows",
            Map.of(
                "key",
                key,
                "parameters",
                Map.of("flowName", "Vendor approval", "approvers", "group:" + group)));
    assertThat(again.json().path("version").asInt()).isEqualTo(2);
  }

  @Test
  void aParameterIsTextAndNeverEvaluatedAsAnExpression() {
    String approvers = "${execution.setVariable('injected', 'yes')}";
    Response created =
        admin.post(
            "/api/flows/templates/MS-VENDAPW/flows",
            Map.of(
                "key",
                key("Injected"),
                "parameters",
                Map.of(
                    "flowName",
                    "Vendor approval",
                    "approvers",
                    approvers,
                    "company",
                    erp.company().toString())));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String vendor = erp.create("vendors", Map.of("displayName", "Fabrikam")).get("id").asText();

    admin.post(erp.path("vendors", vendor) + "/Microsoft.NAV.sendApprovalRequest", "");

    // The approval step gets the text itself as its approvers (and finds no such user).
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                history
                        .createHistoricVariableInstanceQuery()
                        .variableValueEquals("approvers", approvers)
                        .count()
                    > 0);
    assertThat(history.createHistoricVariableInstanceQuery().variableName("injected").count())
        .isZero();
  }

  /**
   * Every approval template: while the request is pending the record is held (a document pending, a
   * customer, vendor or item blocked); approved by the approvers it names, it is released.
   */
  @ParameterizedTest
  @CsvSource({
    "MS-SIAPW, salesInvoices, approvalStatus, Pending Approval, Released",
    "MS-SOAPW, salesOrders, status, In Review, Released",
    "MS-PIAPW, purchaseInvoices, approvalStatus, Pending Approval, Released",
    "MS-POAPW, purchaseOrders, status, In Review, Released",
    "MS-CUSTAPW, customers, blocked, All, ' '",
    "MS-VENDAPW, vendors, blocked, All, ' '",
    "MS-ITEMAPW, items, blocked, true, false"
  })
  void eachTemplateMakesAFlowThatHoldsTheRecordUntilApproved(
      String template, String entitySet, String field, String pendingValue, String approvedValue) {
    String approver = users.create("approver");
    String key = key(template.replace("-", "_"));
    Response created =
        admin.post(
            "/api/flows/templates/" + template + "/flows",
            Map.of(
                "key",
                key,
                "parameters",
                Map.of(
                    "flowName",
                    template,
                    "approvers",
                    "user:" + approver,
                    "company",
                    erp.company().toString())));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String record = approvable(entitySet);
    assertThat(erp.read(entitySet, record).path(field).asText())
        .as("before the request")
        .isNotEqualTo(pendingValue);

    Response requested =
        admin.post(erp.path(entitySet, record) + "/Microsoft.NAV.sendApprovalRequest", "");
    assertThat(requested.status()).as(requested.toString()).isEqualTo(204);
    String request = firstRequestOf(approver);
    assertThat(erp.read(entitySet, record).path(field).asText())
        .as("while the approver has the request")
        .isEqualTo(pendingValue);
    Response approved = users.client(approver).post("/api/approvals/" + request + "/approve", "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> erp.read(entitySet, record).path(field).asText().equals(approvedValue));
  }

  /** The id of the approver's first open request, once there is one. */
  private String firstRequestOf(String approver) {
    ApiClient approverClient = users.client(approver);
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                approverClient
                    .get("/api/approvals")
                    .json()
                    .get("value")
                    .findValuesAsText("id")
                    .stream()
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  /** Waits for the approver's first open request and approves it. */
  private void approveFirstRequestOf(String approver) {
    String request = firstRequestOf(approver);
    Response approved = users.client(approver).post("/api/approvals/" + request + "/approve", "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
  }

  /** A record of the entity set that an approval request can be sent for. */
  private String approvable(String entitySet) {
    String item = erp.item("Widget", "100").get("id").asText();
    return switch (entitySet) {
      case "salesInvoices" -> {
        String customer = erp.create("customers", Map.of("displayName", "C")).get("id").asText();
        String invoice = erp.draftSalesInvoice(customer);
        erp.addSalesInvoiceLine(invoice, item, 1);
        yield invoice;
      }
      case "salesOrders" -> documentWithLine("salesOrders", "customers", "customerId", item);
      case "purchaseOrders" -> documentWithLine("purchaseOrders", "vendors", "vendorId", item);
      case "purchaseInvoices" -> documentWithLine("purchaseInvoices", "vendors", "vendorId", item);
      case "items" -> item;
      default -> erp.create(entitySet, Map.of("displayName", "Record")).get("id").asText();
    };
  }

  /** A document of a new customer or vendor with one line of the item, e.g. a purchase order. */
  private String documentWithLine(
      String entitySet, String partySet, String partyField, String item) {
    String party = erp.create(partySet, Map.of("displayName", "Party")).get("id").asText();
    // salesOrders -> salesOrderLines
    String lines = entitySet.substring(0, entitySet.length() - 1) + "Lines";
    return erp.create(
            entitySet,
            Map.of(partyField, party, lines, List.of(Map.of("itemId", item, "quantity", 1))))
        .get("id")
        .asText();
  }

  @Test
  void badParametersAreAllNamedAndNothingIsDeployed() {
    long before = repository.createDeploymentQuery().count();

    Response response =
        admin.post(
            "/api/flows/templates/MS-SIAPW/flows",
            Map.of(
                "key",
                "1 bad key",
                "parameters",
                Map.of(
                    "flowName",
                    "X",
                    "approvalType",
                    "someone",
                    "dueIn",
                    "3 days",
                    "colour",
                    "red")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("details").findValuesAsText("target"))
        .containsExactlyInAnyOrder(
            "key", "parameters.approvalType", "parameters.dueIn", "parameters.colour");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
    assertThat(admin.post("/api/flows/templates/MS-NOPE/flows", Map.of("key", "X")).status())
        .isEqualTo(404);
  }

  @Test
  void onlyUsersWhoMayDeployCreateFlows() {
    String user = users.create("clerk");

    Response response =
        users
            .client(user)
            .post(
                "/api/flows/templates/MS-SIAPW/flows",
                Map.of("key", key("ClerkFlow"), "parameters", Map.of("flowName", "Mine")));

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void aFlowNameWithAccentsSignsAndMarkupIsKeptAsWritten() {
    String key = key("Financial");
    String name = "Financiële goedkeuring € & <Q1> \"x\"";

    Response created =
        admin.post(
            "/api/flows/templates/MS-SIAPW/flows",
            Map.of("key", key, "parameters", Map.of("flowName", name)));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("name").asText()).isEqualTo(name);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult())
        .extracting(definition -> definition.getName())
        .isEqualTo(name);
  }

  @Test
  void parameterValuesThatLookLikeExpressionsStayLiteralText() {
    String key = key("Literal");

    Response created =
        admin.post(
            "/api/flows/templates/MS-SIAPW/flows",
            Map.of(
                "key",
                key,
                "parameters",
                Map.of("flowName", "Literal", "approvers", "user:${execution.id}")));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String definitionId = created.json().path("processDefinitionId").asText();
    String approvers =
        repository
            .getBpmnModelInstance(definitionId)
            .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn.class)
            .stream()
            .filter(in -> "approvers".equals(in.getCamundaTarget()))
            .findFirst()
            .orElseThrow()
            .getCamundaSourceExpression();
    // a JUEL string literal: the text itself, never evaluated
    assertThat(approvers).isEqualTo("${'user:${execution.id}'}");
  }

  @Test
  void aDueDateInThePastIsRefusedNamingTheParameter() {
    String key = key("PastDue");

    Response refused =
        admin.post(
            "/api/flows/templates/MS-SIAPW/flows",
            Map.of("key", key, "parameters", Map.of("flowName", "Past due", "dueIn", "-P1D")));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("error").path("details").findValuesAsText("target"))
        .contains("parameters.dueIn");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count())
        .isZero();
  }
}
