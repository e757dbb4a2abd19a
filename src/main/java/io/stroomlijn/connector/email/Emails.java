package io.stroomlijn.connector.email;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ConnectorException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The email action's mails: {@link #prepare} builds and checks the whole message (a wrong address
 * or an unknown user fails there, before anything is sent), {@link #send} sends it through its mail
 * server; a server that is down or refuses is a {@link ConnectorException}, so the job retries.
 */
@Component
class Emails {

  private static final Logger log = LoggerFactory.getLogger(Emails.class);

  private final MailServers servers;
  private final Recipients recipients;

  Emails(MailServers servers, Recipients recipients) {
    this.servers = servers;
    this.recipients = recipients;
  }

  /** A message built and checked, ready to send. */
  record Prepared(String task, MailServers.MailServer server, MimeMessage message) {}

  Prepared prepare(Email email) {
    MailServers.MailServer server = servers.get(email.connection());
    Set<InternetAddress> to = recipients.resolve(Email.TO, email.to());
    if (to.isEmpty()) {
      throw ActionInputs.problem(email.task(), Email.TO, "gives no address to send to");
    }
    MimeMessage message = server.sender().createMimeMessage();
    try {
      MimeMessageHelper mail =
          new MimeMessageHelper(
              message,
              email.attachment() != null
                  ? MimeMessageHelper.MULTIPART_MODE_MIXED
                  : MimeMessageHelper.MULTIPART_MODE_NO,
              "UTF-8");
      mail.setFrom(server.from());
      mail.setTo(to.toArray(InternetAddress[]::new));
      mail.setCc(addresses(Email.CC, email.cc()));
      mail.setBcc(addresses(Email.BCC, email.bcc()));
      if (email.replyTo() != null) {
        mail.setReplyTo(email.replyTo());
      }
      mail.setSubject(email.subject());
      mail.setText(email.body(), isHtml(email));
      if (email.attachment() != null) {
        attach(email, mail);
      }
    } catch (MessagingException e) {
      throw new IllegalArgumentException(
          "Task " + email.task() + ": the email is malformed: " + e.getMessage(), e);
    }
    return new Prepared(email.task(), server, message);
  }

  /** Sends a prepared message; a failure names the mail server (never its login) and the task. */
  void send(Prepared mail) {
    MailServers.MailServer server = mail.server();
    try {
      server.sender().send(mail.message());
      log.debug("Task {} sent an email through connection {}", mail.task(), server.name());
    } catch (MailException e) {
      throw new ConnectorException(
          "SMTP connection '"
              + server.name()
              + "' ("
              + server.address()
              + ") could not send the email of task "
              + mail.task()
              + ": "
              + e.getMostSpecificCause().getMessage(),
          e);
    }
  }

  private InternetAddress[] addresses(String input, List<String> entries) {
    return recipients.resolve(input, entries).toArray(InternetAddress[]::new);
  }

  private static boolean isHtml(Email email) {
    String format = email.bodyFormat();
    if (!format.equals(Email.HTML) && !format.equals(Email.TEXT)) {
      throw ActionInputs.problem(
          email.task(), Email.BODY_FORMAT, "'" + format + "' is not html or text");
    }
    return format.equals(Email.HTML);
  }

  private static void attach(Email email, MimeMessageHelper mail) throws MessagingException {
    if (!(email.attachmentValue() instanceof FileValue file)) {
      throw ActionInputs.problem(
          email.task(),
          Email.ATTACHMENT,
          "names '" + email.attachment() + "', which is not a file variable of the run");
    }
    byte[] content;
    try (InputStream stream = file.getValue()) {
      content = stream.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the file variable " + email.attachment(), e);
    }
    mail.addAttachment(
        file.getFilename(),
        new ByteArrayResource(content),
        file.getMimeType() == null ? "application/octet-stream" : file.getMimeType());
  }
}
