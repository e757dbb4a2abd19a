package io.stroomlijn.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at first start.
 *
 * @param username login of the first administrator (env {@code STROOMLIJN_ADMIN_USERNAME})
 * @param password its password (env {@code STROOMLIJN_ADMIN_PASSWORD}); empty means generate one
 * @param initialPasswordFile where a generated password is written, readable by its owner only
 *     (default {@code data/initial-admin-password})
 */
@ConfigurationProperties("stroomlijn.admin")
public record AdminProperties(String username, String password, Path initialPasswordFile) {

  public AdminProperties {
    if (username == null || username.isBlank()) {
      username = "admin";
    }
    if (initialPasswordFile == null) {
      initialPasswordFile = Path.of("data", "initial-admin-password");
    }
  }

  boolean hasPassword() {
    return password != null && !password.isBlank();
  }

  @Override
  public String toString() {
    return "AdminProperties[username="
        + username
        + ", password="
        + (hasPassword() ? "***" : "")
        + ", initialPasswordFile="
        + initialPasswordFile
        + "]";
  }
}
