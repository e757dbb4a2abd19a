package io.stroomlijn.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.connector.ActionFlows;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.support.ReceivedMails;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "Send an email" against a real SMTP server (GreenMail), inside deployed flows. */
@StroomlijnTest
class SendEmailActionTest {

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @LocalServerPort int port;

  final List<String> deployments = new ArrayList<>();
  TestUsers users;
  String purchasers;

  @BeforeEach
  void setUp() {
    users = new TestUsers(identity, port);
    purchasers = "purchasers-" + UUID.randomUUID().toString().substring(0, 8);
    Group group = identity.newGroup(purchasers);
    group.setName("Purchasers");
    identity.saveGroup(group);
  }

  @AfterEach
  void tearDown() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    users.removeAll();
    identity.deleteGroup(purchasers);
  }

  @Test
  void sendsToAddressesUsersAndGroupsWithExpressionsInSubjectAndBody() throws Exception {
    String requester = users.create("requester");
    String buyer1 = users.create("buyer", purchasers);
    String buyer2 = users.create("buyer", purchasers);
    deploy(
        ActionFlows.of("MailVendorBlocked", "sendEmailDelegate")
            .input("to", "${record.email}, user:" + requester)
            .input("cc", "group:" + purchasers)
            .input("bcc", "audit@cronus.test")
            .input("subject", "Vendor ${record.displayName} is blocked")
            .input("body", "<p>Reason: <b>${reason}</b></p>"));

    runtime.startProcessInstanceByKey(
        "MailVendorBlocked",
        Map.of(
            RunVariables.RECORD.name(),
            Map.of("displayName", "Fabrikam", "email", "ap@fabrikam.test"),
            "reason",
            "Disputed invoice"));

    List<MimeMessage> received = withSubject("Vendor Fabrikam is blocked");
    // one delivery per recipient: 2 to, 2 cc, 1 bcc
    assertThat(received).hasSize(5);
    MimeMessage mail = received.get(0);
    assertThat(mail.getSubject()).isEqualTo("Vendor Fabrikam is blocked");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("flows@stroomlijn.test");
    assertThat(addresses(mail, Message.RecipientType.TO))
        .containsExactly("ap@fabrikam.test", requester + "@example.test");
    assertThat(addresses(mail, Message.RecipientType.CC))
        .containsExactlyInAnyOrder(buyer1 + "@example.test", buyer2 + "@example.test");
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(mail.getContentType()).startsWith("text/html");
    assertThat(GreenMailUtil.getBody(mail)).contains("Reason: <b>Disputed invoice</b>");
  }

  @Test
  void attachesAFileVariableAndSendsPlainText() throws Exception {
    deploy(
        ActionFlows.of("MailWithAttachment", "sendEmailDelegate")
            .input("to", "ap@fabrikam.test")
            .input("subject", "Your statement")
            .input("body", "See the attachment.")
            .input("bodyFormat", "text")
            .input("attachment", "statement"));

    runtime.startProcessInstanceByKey(
        "MailWithAttachment",
        Variables.createVariables()
            .putValue(
                "statement",
                Variables.fileValue("statement.csv")
                    .file(
                        new ByteArrayInputStream(
                            "no;amount\n1;10\n".getBytes(StandardCharsets.UTF_8)))
                    .mimeType("text/csv")
                    .create()));

    MimeMessage mail = withSubject("Your statement").get(0);
    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("statement.csv");
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("1;10");
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
  }

  @Test
  void nothingIsSentWhenALaterStepOfTheSameTransactionFails() {
    deploy(
        ActionFlows.of("MailThenFail", "sendEmailDelegate")
            .input("to", "ap@fabrikam.test")
            .input("subject", "Should not arrive")
            .failingAfterwards());

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("MailThenFail"))
        .hasMessageContaining("undefinedBean");

    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUnknownRecipientFailsTheStepNamingItAndSendsNothing() {
    deploy(
        ActionFlows.of("MailUnknownUser", "sendEmailDelegate")
            .input("to", "ap@fabrikam.test; nobody-" + UUID.randomUUID())
            .input("subject", "Hello"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("MailUnknownUser"))
        .hasMessageContaining("'to' names 'nobody-")
        .hasMessageContaining("which is no address, user or group");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUnknownConnectionSaysWhichSettingIsMissing() {
    deploy(
        ActionFlows.of("MailOtherServer", "sendEmailDelegate")
            .input("connection", "marketing")
            .input("to", "ap@fabrikam.test")
            .input("subject", "Hello"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("MailOtherServer"))
        .hasMessageContaining("no SMTP connection named 'marketing'")
        .hasMessageContaining("stroomlijn.connections.smtp.marketing.host");
  }

  @Test
  void whileTheServerIsDownTheStepRetriesThenRaisesAnIncidentAndACockpitRetrySendsItOnce() {
    smtp.stop();
    deploy(
        ActionFlows.of("MailWhileDown", "sendEmailDelegate")
            .async()
            .input("to", "ap@fabrikam.test")
            .input("subject", "Invoice approved"));
    String run = runtime.startProcessInstanceByKey("MailWhileDown").getId();

    // first failure: two retries left, the next one 30 seconds later (the project default R3/PT30S)
    Job job = await().until(() -> job(run), j -> j.getRetries() == 2);
    assertThat(job.getExceptionMessage())
        .contains("SMTP connection 'default' (localhost:3025)")
        .contains("Task_Action");
    assertThat(job.getDuedate())
        .isCloseTo(Date.from(Instant.now().plusSeconds(30)), Duration.ofSeconds(5).toMillis());
    // the retries, without waiting for their time
    management.setJobDuedate(job.getId(), new Date());
    await().until(() -> job(run), j -> j.getRetries() == 1);
    management.setJobDuedate(job.getId(), new Date());
    Incident incident =
        await()
            .until(
                () -> runtime.createIncidentQuery().processInstanceId(run).singleResult(),
                i -> i != null);
    assertThat(incident.getIncidentMessage()).contains("SMTP connection 'default'");
    assertThat(incident.getActivityId()).isEqualTo(ActionFlows.TASK);

    smtp.start();
    // what "Retry" in Cockpit does, with its "due date: now"
    management.setJobRetries(1).jobId(job.getId()).dueDate(new Date()).execute();
    await().until(() -> runtime.createProcessInstanceQuery().processInstanceId(run).count() == 0);
    assertThat(withSubject("Invoice approved")).hasSize(1);
  }

  /** The mails of one test (flows of other tests may send mail meanwhile). */
  private List<MimeMessage> withSubject(String subject) {
    return ReceivedMails.withSubject(smtp, subject);
  }

  private Job job(String run) {
    return management.createJobQuery().processInstanceId(run).singleResult();
  }

  private void deploy(ActionFlows flow) {
    deployments.add(flow.deploy(repository));
  }

  private static List<String> addresses(MimeMessage mail, Message.RecipientType type)
      throws Exception {
    return Arrays.stream(mail.getRecipients(type)).map(Object::toString).toList();
  }
}
