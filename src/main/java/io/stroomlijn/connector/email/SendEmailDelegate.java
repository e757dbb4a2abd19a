package io.stroomlijn.connector.email;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.connector.AtCommit;
import io.stroomlijn.connector.ConnectorException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Action "Send an email" over SMTP. Inputs: {@code to} (required), {@code cc}, {@code bcc} (each
 * addresses, {@code user:<id>} or {@code group:<id>}, comma separated or a list), {@code subject}
 * and {@code body} (with {@code ${...}} expressions, whose values are HTML-escaped in an HTML
 * body), {@code bodyFormat} ({@code html} or {@code text}), {@code replyTo}, {@code attachment}
 * (the name of a file variable) and {@code connection} (a mail server of {@code
 * stroomlijn.connections.smtp}; {@code default} is {@code spring.mail}).
 *
 * <p>The message is built and checked at once, so a wrong address fails the step before anything is
 * sent; it is sent when the step's transaction is about to commit ({@link AtCommit}), so a retry
 * after a failure never sends it twice.
 */
@ActionTemplate(
    id = "io.stroomlijn.email.SendEmail",
    required = {"to", "subject"},
    optional = {"cc", "bcc", "replyTo", "body", "bodyFormat", "attachment", "connection"})
@Component
public class SendEmailDelegate implements JavaDelegate {

  static final String TO = "to";
  static final String CC = "cc";
  static final String BCC = "bcc";
  static final String REPLY_TO = "replyTo";
  static final String SUBJECT = "subject";
  static final String BODY = "body";
  static final String BODY_FORMAT = "bodyFormat";
  static final String ATTACHMENT = "attachment";
  static final String CONNECTION = "connection";

  private static final Logger log = LoggerFactory.getLogger(SendEmailDelegate.class);

  private final MailServers servers;
  private final Recipients recipients;

  SendEmailDelegate(MailServers servers, Recipients recipients) {
    this.servers = servers;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailServers.MailServer server =
        servers.get(ActionInputs.optionalText(execution, CONNECTION, MailServers.DEFAULT));
    Set<InternetAddress> to = addresses(execution, TO);
    if (to.isEmpty()) {
      throw ActionInputs.problem(execution, TO, "gives no address to send to");
    }
    MimeMessage message = server.sender().createMimeMessage();
    try {
      String attachment = ActionInputs.optionalText(execution, ATTACHMENT, null);
      MimeMessageHelper mail =
          new MimeMessageHelper(
              message,
              attachment != null
                  ? MimeMessageHelper.MULTIPART_MODE_MIXED
                  : MimeMessageHelper.MULTIPART_MODE_NO,
              "UTF-8");
      mail.setFrom(server.from());
      mail.setTo(to.toArray(InternetAddress[]::new));
      mail.setCc(addresses(execution, CC).toArray(InternetAddress[]::new));
      mail.setBcc(addresses(execution, BCC).toArray(InternetAddress[]::new));
      String replyTo = ActionInputs.optionalText(execution, REPLY_TO, null);
      if (replyTo != null) {
        mail.setReplyTo(replyTo);
      }
      mail.setSubject(ActionInputs.text(execution, SUBJECT));
      boolean html = isHtml(execution);
      mail.setText(
          html
              ? ActionInputs.optionalHtml(execution, BODY, "")
              : ActionInputs.optionalText(execution, BODY, ""),
          html);
      if (attachment != null) {
        attach(execution, mail, attachment);
      }
    } catch (MessagingException e) {
      throw new IllegalArgumentException(
          "Task "
              + execution.getCurrentActivityId()
              + ": the email is malformed: "
              + e.getMessage(),
          e);
    }
    String task = execution.getCurrentActivityId();
    AtCommit.run(() -> send(server, message, task));
  }

  private Set<InternetAddress> addresses(DelegateExecution execution, String input) {
    return recipients.resolve(input, ActionInputs.optionalList(execution, input));
  }

  private static boolean isHtml(DelegateExecution execution) {
    String format = ActionInputs.optionalText(execution, BODY_FORMAT, "html");
    if (!format.equals("html") && !format.equals("text")) {
      throw ActionInputs.problem(execution, BODY_FORMAT, "'" + format + "' is not html or text");
    }
    return format.equals("html");
  }

  private static void attach(DelegateExecution execution, MimeMessageHelper mail, String variable)
      throws MessagingException {
    TypedValue value = execution.getVariableTyped(variable);
    if (!(value instanceof FileValue file)) {
      throw ActionInputs.problem(
          execution,
          ATTACHMENT,
          "names '" + variable + "', which is not a file variable of the run");
    }
    byte[] content;
    try (var stream = file.getValue()) {
      content = stream.readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Could not read the file variable " + variable, e);
    }
    mail.addAttachment(
        file.getFilename(),
        new ByteArrayResource(content),
        file.getMimeType() == null ? "application/octet-stream" : file.getMimeType());
  }

  private static void send(MailServers.MailServer server, MimeMessage message, String task) {
    try {
      server.sender().send(message);
      log.debug("Task {} sent an email through connection {}", task, server.name());
    } catch (MailException e) {
      throw new ConnectorException(
          "SMTP connection '"
              + server.name()
              + "' ("
              + server.address()
              + ") could not send the email of task "
              + task
              + ": "
              + e.getMostSpecificCause().getMessage(),
          e);
    }
  }
}
