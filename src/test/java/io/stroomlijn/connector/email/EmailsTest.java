package io.stroomlijn.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.connector.ConnectorException;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The email action's service against a real SMTP server (GreenMail), called directly: no flow, no
 * job. It runs in the application because {@code user:} and {@code group:} recipients are looked up
 * in the engine's identity service.
 */
@StroomlijnTest
class EmailsTest {

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @Autowired Emails emails;
  @Autowired IdentityService identity;
  @LocalServerPort int port;

  TestUsers users;
  String buyers;

  @BeforeEach
  void setUp() {
    users = new TestUsers(identity, port);
    buyers = "buyers-" + UUID.randomUUID().toString().substring(0, 8);
    Group group = identity.newGroup(buyers);
    identity.saveGroup(group);
  }

  @AfterEach
  void tearDown() {
    users.removeAll();
    identity.deleteGroup(buyers);
  }

  private static Email email(List<String> to, List<String> cc, String format, String body) {
    return new Email(
        "Task_Mail",
        MailServers.DEFAULT,
        to,
        cc,
        List.of(),
        "ap@cronus.test",
        "Invoice approved",
        format,
        body,
        null,
        null);
  }

  @Test
  void sendsToAddressesUsersAndGroupMembersFromTheConnectionsSender() throws Exception {
    String requester = users.create("requester");
    String buyer = users.create("buyer", buyers);

    emails.send(
        emails.prepare(
            email(
                List.of("ap@fabrikam.test", "user:" + requester),
                List.of("group:" + buyers),
                Email.HTML,
                "<p>Approved</p>")));

    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getFrom()[0].toString()).isEqualTo("flows@stroomlijn.test");
    assertThat(mail.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("ap@fabrikam.test", requester + "@example.test");
    assertThat(mail.getRecipients(Message.RecipientType.CC))
        .extracting(Object::toString)
        .containsExactly(buyer + "@example.test");
    assertThat(mail.getReplyTo()[0].toString()).isEqualTo("ap@cronus.test");
    assertThat(mail.getContentType()).startsWith("text/html");
    assertThat(GreenMailUtil.getBody(mail)).contains("<p>Approved</p>");
  }

  @Test
  void aWrongRecipientFailsWhilePreparingAndNothingIsSent() {
    assertThatThrownBy(
            () -> emails.prepare(email(List.of("ap@fabrikam..test"), List.of(), Email.TEXT, "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'to' has 'ap@fabrikam..test'");
    assertThatThrownBy(() -> emails.prepare(email(List.of(), List.of(), Email.TEXT, "")))
        .hasMessage("Task Task_Mail, input 'to' gives no address to send to");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void refusesAnUnknownBodyFormatAndAnAttachmentThatIsNoFile() {
    assertThatThrownBy(
            () -> emails.prepare(email(List.of("ap@fabrikam.test"), List.of(), "markdown", "")))
        .hasMessage("Task Task_Mail, input 'bodyFormat' 'markdown' is not html or text");
    Email notAFile =
        new Email(
            "Task_Mail",
            MailServers.DEFAULT,
            List.of("ap@fabrikam.test"),
            List.of(),
            List.of(),
            null,
            "Statement",
            Email.TEXT,
            "",
            "statement",
            Variables.stringValue("no;amount"));
    assertThatThrownBy(() -> emails.prepare(notAFile))
        .hasMessage(
            "Task Task_Mail, input 'attachment' names 'statement', which is not a file variable"
                + " of the run");
  }

  @Test
  void aServerThatIsDownIsATechnicalFailureNamingTheServerAndTask() {
    Emails.Prepared mail =
        emails.prepare(email(List.of("ap@fabrikam.test"), List.of(), Email.TEXT, "Hello"));
    smtp.stop();

    assertThatThrownBy(() -> emails.send(mail))
        .isInstanceOf(ConnectorException.class)
        .hasMessageStartingWith(
            "SMTP connection 'default' (localhost:3025) could not send the email of task"
                + " Task_Mail");
  }
}
