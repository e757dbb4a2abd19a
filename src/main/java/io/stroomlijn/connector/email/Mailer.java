package io.stroomlijn.connector.email;

import io.stroomlijn.connector.AtCommit;
import io.stroomlijn.connector.ConnectorException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Mail Stroomlijn sends itself (approval requests to approvers), through the same mail servers as
 * the email action and, like it, when the transaction is about to commit.
 */
@Component
public class Mailer {

  private final MailServers servers;

  Mailer(MailServers servers) {
    this.servers = servers;
  }

  /** Sends an HTML mail to addresses when the current transaction commits. */
  public void sendAtCommit(String connection, List<String> to, String subject, String html) {
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
    AtCommit.run(
        () -> {
          try {
            server.sender().send(message);
          } catch (MailException e) {
            throw new ConnectorException(
                "SMTP connection '"
                    + server.name()
                    + "' ("
                    + server.address()
                    + ") could not send '"
                    + subject
                    + "': "
                    + e.getMostSpecificCause().getMessage(),
                e);
          }
        });
  }
}
