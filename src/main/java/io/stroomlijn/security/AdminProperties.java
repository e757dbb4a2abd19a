package io.stroomlijn.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at first start.
 *
 * @param username login of the first administrator (env {@code STROOMLIJN_ADMIN_USERNAME})
 * @param password its password (env {@code STROOMLIJN_ADMIN_PASSWORD}); empty means generate one
 *     and print it once
 */
@ConfigurationProperties("stroomlijn.admin")
public record AdminProperties(String username, String password) {

  public AdminProperties {
    if (username == null || username.isBlank()) {
      username = "admin";
    }
  }

  boolean hasPassword() {
    return password != null && !password.isBlank();
  }
}
