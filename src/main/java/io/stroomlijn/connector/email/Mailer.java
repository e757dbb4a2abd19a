package io.stroomlijn.connector.email;

import io.stroomlijn.connector.AtCommit;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Mail Stroomlijn sends itself (approval requests to approvers), through the same mail servers as
 * the email action. It is a notification: it goes out after the transaction committed, and a mail
 * server that is down is logged, not allowed to hold up the work it tells about (the approver still
 * finds the request in Tasklist and {@code /api/approvals}).
 */
@Component
public class Mailer {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final MailServers servers;

  Mailer(MailServers servers) {
    this.servers = servers;
  }

  /** Sends an HTML mail to addresses once the current transaction has committed. */
  public void sendAfterCommit(String connection, List<String> to, String subject, String html) {
    MailServers.MailServer server = servers.get(connection);
    MimeMessage message = server.sender().createMimeMessage();
    try {
      MimeMessageHelper mail = new MimeMessageHelper(message, "UTF-8");
      mail.setFrom(server.from());
      mail.setTo(to.toArray(String[]::new));
      mail.setSubject(subject);
      mail.setText(html, true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException(
          "The email to " + to + " is malformed: " + e.getMessage(), e);
    }
    AtCommit.afterCommit(
        () -> {
          try {
            server.sender().send(message);
          } catch (MailException e) {
            log.warn(
                "SMTP connection '{}' ({}) could not send '{}' to {}: {}",
                server.name(),
                server.address(),
                subject,
                to,
                e.getMostSpecificCause().getMessage());
          }
        });
  }
}
