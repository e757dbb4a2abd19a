package io.stroomlijn.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The approve and reject links of approval mails: valid, reused, expired, tampered. */
@StroomlijnTest
class ApprovalLinksTest {

  static final Pattern LINK =
      Pattern.compile("href=\"http://[^/]+(/approvals/links/[^\"]+)\">(Approve|Reject)<");
  static final Duration DEADLINE = Duration.ofSeconds(15);

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired ApprovalLinks links;
  @Autowired RuntimeService runtime;

  ErpFixture erp;
  ApiClient api;
  ApiClient anonymous;
  TestUsers users;
  String approver;
  String invoice;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void requestSent() {
    users = new TestUsers(identity, port);
    approver = users.create("approver");
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    anonymous = ApiClient.anonymous(port);
    String customer = erp.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    invoice = erp.draftSalesInvoice(customer);
    erp.addSalesInvoiceLine(invoice, erp.item("Widget", "250").get("id").asText(), 4);
    String key = "LinkApproval_" + erp.company().toString().substring(0, 8);
    deployments.add(
        repository
            .createDeployment()
            .addString(
                key + ".bpmn",
                ApprovalTestFlows.bpmn(
                    key, erp.company(), "user:" + approver, "firstToRespond", "P3D"))
            .deploy()
            .getId());
    api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.sendApprovalRequest", "");
  }

  @AfterEach
  void cleanUp() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    users.removeAll();
  }

  /** The path of the approver's approve or reject link, from the mail. */
  private String link(String decision) {
    String body =
        await()
            .atMost(DEADLINE)
            .until(
                () ->
                    Arrays.stream(smtp.getReceivedMessages())
                        .map(GreenMailUtil::getBody)
                        .filter(text -> text.contains("/approvals/links/"))
                        .findFirst()
                        .orElse(null),
                text -> text != null);
    Matcher matcher = LINK.matcher(body.replace("=\r\n", "").replace("=3D", "="));
    while (matcher.find()) {
      if (matcher.group(2).equals(decision)) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no " + decision + " link in " + body);
  }

  private String approvalStatus() {
    return erp.read("salesInvoices", invoice).path("approvalStatus").asText();
  }

  @Test
  void theApproveLinkShowsTheRequestThenApprovesOnceWithoutALogin() {
    String approve = link("Approve");

    Response page = anonymous.get(approve);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Approve: Approve invoice").contains("<form method=\"post\">");
    assertThat(approvalStatus()).isEqualTo("Pending Approval");

    Response answered =
        anonymous.send(
            "POST",
            approve,
            "comment=Looks+good",
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
    assertThat(answered.body()).contains("You approved the request");
    await().atMost(DEADLINE).until(() -> approvalStatus().equals("Released"));

    Response again =
        anonymous.send("POST", approve, "", "Content-Type", "application/x-www-form-urlencoded");
    assertThat(again.status()).isEqualTo(409);
    assertThat(anonymous.get(link("Reject")).status()).isEqualTo(409);
  }

  @Test
  void theRejectLinkRejectsWithTheComment() {
    anonymous.send(
        "POST",
        link("Reject"),
        "comment=Wrong+price",
        "Content-Type",
        "application/x-www-form-urlencoded");

    await().atMost(DEADLINE).until(() -> approvalStatus().equals("Open"));
    assertThat(
            api.get(
                    erp.path("approvalEntries")
                        + ApiClient.query("$filter", "recordId eq " + invoice))
                .json()
                .get("value")
                .get(0)
                .path("comment")
                .asText())
        .isEqualTo("Wrong price");
  }

  @Test
  void theLinksExpireAtTheRequestsDueDate() {
    String approve = link("Approve");
    String reject = link("Reject");
    Date due =
        (Date)
            runtime.getVariable(
                runtime
                    .createProcessInstanceQuery()
                    .processDefinitionKey(ApprovalVariables.PROCESS_KEY)
                    .variableValueEquals("recordId", invoice)
                    .singleResult()
                    .getId(),
                ApprovalVariables.DUE_DATE.name());

    for (String path : List.of(approve, reject)) {
      Instant expiresAt = links.verify(path.substring("/approvals/links/".length())).expiresAt();
      assertThat(expiresAt)
          .as("three days from the request, to the second")
          .isEqualTo(due.toInstant().truncatedTo(ChronoUnit.SECONDS));
    }
  }

  @Test
  void aTamperedOrExpiredLinkDoesNothing() {
    String approve = link("Approve");
    String tampered =
        approve.substring(0, approve.length() - 3) + (approve.endsWith("A") ? "BBB" : "AAA");
    String taskId =
        ApiClient.as(port, approver, TestUsers.PASSWORD)
            .get("/api/approvals")
            .json()
            .get("value")
            .get(0)
            .path("id")
            .asText();
    String otherApprover =
        "/approvals/links/"
            + links.token(taskId, "mallory", "Approve", Instant.now().plusSeconds(600));
    String expired =
        "/approvals/links/"
            + links.token(taskId, approver, "Approve", Instant.now().minusSeconds(1));

    assertThat(
            anonymous
                .send("POST", tampered, "", "Content-Type", "application/x-www-form-urlencoded")
                .status())
        .isEqualTo(403);
    assertThat(
            anonymous
                .send("POST", expired, "", "Content-Type", "application/x-www-form-urlencoded")
                .status())
        .isEqualTo(410);
    assertThat(
            anonymous
                .send(
                    "POST", otherApprover, "", "Content-Type", "application/x-www-form-urlencoded")
                .status())
        .isEqualTo(403);
    assertThat(approvalStatus()).isEqualTo("Pending Approval");
  }

  @Test
  void aLinkWhoseSignatureIsSpelledDifferentlyInItsUnusedBitsIsRefused() {
    String approve = link("Approve");
    // An HMAC-SHA256 signature is 43 base64url characters, the last holding 4 bits and 2 unused.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = approve.charAt(approve.length() - 1);
    char respelled = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String respelledLink = approve.substring(0, approve.length() - 1) + respelled;

    Response shown = anonymous.get(respelledLink);
    Response answered =
        anonymous.send(
            "POST", respelledLink, "", "Content-Type", "application/x-www-form-urlencoded");

    assertThat(shown.status()).isEqualTo(403);
    assertThat(answered.status()).isEqualTo(403);
    assertThat(approvalStatus()).isEqualTo("Pending Approval");
    assertThat(anonymous.get(approve).status()).isEqualTo(200);
  }
}
