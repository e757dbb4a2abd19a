package io.stroomlijn.connector.email;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where mail goes while no mail server is configured.
 *
 * @param folder the folder of the {@code default} connection's mails as {@code .eml} files while
 *     {@code spring.mail.host} is not set (default {@code data/mail})
 */
@ConfigurationProperties("stroomlijn.mail")
public record MailFolderProperties(Path folder) {

  public MailFolderProperties {
    if (folder == null) {
      folder = Path.of("data", "mail");
    }
  }
}
