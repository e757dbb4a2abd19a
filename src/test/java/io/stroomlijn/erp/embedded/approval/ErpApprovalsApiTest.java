package io.stroomlijn.erp.embedded.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.erp.ErpApprovals.NewApprovalEntry;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The approval status cycle of documents and its refusals, over the ERP API. */
@StroomlijnTest
class ErpApprovalsApiTest {

  static final String SEND = "/Microsoft.NAV.sendApprovalRequest";
  static final String CANCEL = "/Microsoft.NAV.cancelApprovalRequest";

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired ErpApprovals approvals;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  ErpFixture erp;
  ApiClient api;
  String invoice;
  String invoicePath;
  String deployment;

  @BeforeEach
  void draftInvoice() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    String customer = erp.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    invoice = erp.draftSalesInvoice(customer);
    invoicePath = erp.path("salesInvoices", invoice);
  }

  @AfterEach
  void removeFlow() {
    if (deployment != null) {
      repository.deleteDeployment(deployment, true);
    }
  }

  private void addLine() {
    erp.addSalesInvoiceLine(invoice, erp.item("Widget", "250").get("id").asText(), 4);
  }

  @Test
  void aDocumentWithoutLinesCannotBeSentForApproval() {
    Response response = api.post(invoicePath + SEND, "");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("BadRequest_NothingToApprove");
    assertThat(response.body()).contains("has no lines");
    assertThat(erp.read("salesInvoices", invoice).path("approvalStatus").asText())
        .isEqualTo("Open");
  }

  @Test
  void aPendingDocumentIsLockedAndCannotBePostedOrSentAgainUntilCanceled() {
    addLine();

    assertThat(api.post(invoicePath + SEND, "").status()).isEqualTo(204);

    JsonNode pending = erp.read("salesInvoices", invoice);
    assertThat(pending.path("approvalStatus").asText()).isEqualTo("Pending Approval");
    assertThat(pending.path("status").asText()).isEqualTo("In Review");
    Response edit =
        api.patch(invoicePath, Map.of("externalDocumentNumber", "X-1"), "If-Match", "*");
    assertThat(edit.status()).isEqualTo(400);
    assertThat(edit.body()).contains("is pending approval and cannot be changed");
    Response post = api.post(invoicePath + "/Microsoft.NAV.post", "");
    assertThat(post.status()).isEqualTo(400);
    assertThat(post.errorCode()).isEqualTo("BadRequest_PendingApproval");
    Response again = api.post(invoicePath + SEND, "");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("is already pending");

    assertThat(api.post(invoicePath + CANCEL, "").status()).isEqualTo(204);

    JsonNode canceled = erp.read("salesInvoices", invoice);
    assertThat(canceled.path("approvalStatus").asText()).isEqualTo("Open");
    assertThat(canceled.path("status").asText()).isEqualTo("Draft");
    assertThat(api.post(invoicePath + CANCEL, "").body()).contains("no pending approval request");
    assertThat(
            api.patch(invoicePath, Map.of("externalDocumentNumber", "X-1"), "If-Match", "*")
                .status())
        .isEqualTo(200);
  }

  @Test
  void approvalReleasesTheDocumentAndAChangeReopensIt() {
    addLine();
    api.post(invoicePath + SEND, "");
    UUID company = erp.company();
    UUID id = UUID.fromString(invoice);
    approvals.openEntry(
        company,
        new NewApprovalEntry(
            "salesInvoices",
            id,
            1,
            "SalesInvoiceApproval",
            "admin",
            "jdoe",
            "Approver",
            LocalDate.now().plusDays(2)),
        "flow:test");

    approvals.complete(company, "salesInvoices", id, true, "flow:test");

    assertThat(erp.read("salesInvoices", invoice).path("approvalStatus").asText())
        .isEqualTo("Released");
    JsonNode entries =
        api.get(erp.path("approvalEntries") + ApiClient.query("$filter", "recordId eq " + invoice))
            .json()
            .get("value");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).path("status").asText()).isEqualTo("Canceled");
    assertThat(entries.get(0).path("documentType").asText()).isEqualTo("Invoice");
    assertThat(entries.get(0).path("amount").decimalValue()).isEqualByComparingTo("1210");

    api.patch(invoicePath, Map.of("externalDocumentNumber", "X-2"), "If-Match", "*");

    assertThat(erp.read("salesInvoices", invoice).path("approvalStatus").asText())
        .isEqualTo("Open");
  }

  @Test
  void whileAnApprovalFlowCoversTheDocumentsOnlyApprovedOnesPost() {
    addLine();
    deployment =
        repository
            .createDeployment()
            .addString("InvoiceApprovalPolicy.bpmn", approvalFlow(erp.company().toString()))
            .deploy()
            .getId();

    Response refused = api.post(invoicePath + "/Microsoft.NAV.post", "");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("BadRequest_ApprovalRequired");
    assertThat(refused.body()).contains("must be approved before it is posted");

    api.post(invoicePath + SEND, "");
    // the request starts the flow (wait for it, so removing the flow afterwards finds it settled)
    String flowKey = "InvoiceApprovalPolicy_" + erp.company().toString().substring(0, 8);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> runtime.createProcessInstanceQuery().processDefinitionKey(flowKey).count() == 1);
    approvals.complete(erp.company(), "salesInvoices", UUID.fromString(invoice), true, "flow:test");

    assertThat(api.post(invoicePath + "/Microsoft.NAV.post", "").status()).isEqualTo(204);
  }

  /** A flow that starts on this company's sales invoice approval requests and waits. */
  private static String approvalFlow(String company) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
          <bpmn:process id="InvoiceApprovalPolicy_%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Requested">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="trigger.entitySet" value="salesInvoices" />
                <camunda:property name="trigger.event" value="approvalRequested" />
                <camunda:property name="trigger.company" value="%s" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="StartEvent_Requested" targetRef="Task_Approve" />
            <bpmn:userTask id="Task_Approve" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Approve" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(company.substring(0, 8), company);
  }

  @Test
  void masterRecordsGoThroughApprovalWithoutChangingAndApprovalEntriesAreReadOnly() {
    String vendor = erp.create("vendors", Map.of("displayName", "Fabrikam")).get("id").asText();
    String vendorPath = erp.path("vendors", vendor);

    assertThat(api.post(vendorPath + SEND, "").status()).isEqualTo(204);
    assertThat(api.post(vendorPath + SEND, "").body()).contains("already pending");
    assertThat(approvals.request(erp.company(), "vendors", UUID.fromString(vendor)))
        .hasValueSatisfying(request -> assertThat(request.requestedBy()).isEqualTo("admin"));
    assertThat(api.post(vendorPath + CANCEL, "").status()).isEqualTo(204);

    Response create =
        api.post(erp.path("approvalEntries"), Map.of("documentNumber", "X", "status", "Approved"));
    assertThat(create.status()).isEqualTo(405);
    assertThat(create.body()).contains("Approval entries cannot be created through the API");
    assertThat(api.post(erp.path("contacts", UUID.randomUUID().toString()) + SEND, "").status())
        .isEqualTo(404);
  }
}
