package io.stroomlijn.connector.email;

import io.stroomlijn.connector.ConnectionsProperties;
import io.stroomlijn.connector.UnknownConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The mail servers flows send through, by connection name. {@code default} is the one Spring Boot
 * configures from {@code spring.mail.*} (while there is none, a folder of {@code .eml} files);
 * others come from {@code stroomlijn.connections.smtp.*}.
 */
@Component
class MailServers {

  static final String DEFAULT = "default";
  static final String DEFAULT_FROM = "stroomlijn@localhost";

  private final ConnectionsProperties connections;
  private final ObjectProvider<JavaMailSender> springMail;
  private final MailFolder folder;
  private final Map<String, JavaMailSender> named = new ConcurrentHashMap<>();

  MailServers(
      ConnectionsProperties connections,
      ObjectProvider<JavaMailSender> springMail,
      MailFolderProperties folder) {
    this.connections = connections;
    this.springMail = springMail;
    this.folder = new MailFolder(folder.folder());
  }

  /** A mail server and the sender address of its mails. */
  record MailServer(String name, JavaMailSender sender, String from, String address) {}

  MailServer get(String name) {
    ConnectionsProperties.Smtp settings = connections.smtp().get(name);
    if (DEFAULT.equals(name)) {
      JavaMailSender sender = springMail.getIfAvailable();
      if (sender == null
          || sender instanceof JavaMailSenderImpl impl && !StringUtils.hasText(impl.getHost())) {
        // No mail server yet: the mail is kept as a file to read (MailFolder).
        sender = folder;
      }
      String from = settings == null || settings.from() == null ? DEFAULT_FROM : settings.from();
      return new MailServer(name, sender, from, describe(sender));
    }
    if (settings == null || settings.host() == null) {
      throw new UnknownConnectionException(
          "SMTP", name, "stroomlijn.connections.smtp." + name + ".host");
    }
    JavaMailSender sender = named.computeIfAbsent(name, key -> create(settings));
    String from = settings.from() == null ? DEFAULT_FROM : settings.from();
    return new MailServer(name, sender, from, describe(sender));
  }

  private static JavaMailSender create(ConnectionsProperties.Smtp settings) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(settings.host());
    sender.setPort(settings.port() == null ? 25 : settings.port());
    sender.setUsername(settings.username());
    sender.setPassword(settings.password());
    sender.getJavaMailProperties().put("mail.smtp.auth", settings.username() != null);
    sender
        .getJavaMailProperties()
        .put("mail.smtp.starttls.enable", Boolean.TRUE.equals(settings.startTls()));
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", 10_000);
    sender.getJavaMailProperties().put("mail.smtp.timeout", 30_000);
    sender.getJavaMailProperties().put("mail.smtp.writetimeout", 30_000);
    return sender;
  }

  /** Host and port for messages, without credentials. */
  private static String describe(JavaMailSender sender) {
    if (sender instanceof MailFolder files) {
      return "the folder " + files.folder() + " (set spring.mail.host to send)";
    }
    return sender instanceof JavaMailSenderImpl impl
        ? impl.getHost() + ":" + (impl.getPort() < 0 ? 25 : impl.getPort())
        : "the configured server";
  }
}
