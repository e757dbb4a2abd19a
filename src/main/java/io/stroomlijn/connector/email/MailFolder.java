package io.stroomlijn.connector.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The {@code default} mail connection while no mail server is configured: each mail becomes an
 * {@code .eml} file in a folder (any mail program opens one), so a newcomer's first flows send mail
 * that can be read, instead of incidents about a missing server. Each file appears whole (a
 * temporary file, then an atomic move).
 */
final class MailFolder extends JavaMailSenderImpl {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path folder;

  MailFolder(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  @Override
  protected void doSend(MimeMessage[] messages, Object[] originals) {
    for (MimeMessage message : messages) {
      try {
        Files.createDirectories(folder);
        if (message.getSentDate() == null) {
          message.setSentDate(new java.util.Date());
        }
        message.saveChanges();
        String name = LocalDateTime.now().format(STAMP) + "-" + UUID.randomUUID() + ".eml";
        Path partial = folder.resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
          message.writeTo(out);
        }
        Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | MessagingException e) {
        throw new MailSendException("Could not write the mail to the folder " + folder, e);
      }
    }
  }
}
