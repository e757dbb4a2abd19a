package io.stroomlijn.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may run instant flows, Business Central's "Allow Action Automate" permission.
 *
 * @param group the Camunda group whose members may run every instant flow (created at start-up when
 *     missing); others need a {@code CREATE_INSTANCE} authorization on the flow
 */
@ConfigurationProperties("stroomlijn.automate")
public record AutomateProperties(String group) {

  public AutomateProperties {
    if (group == null || group.isBlank()) {
      group = "flow-users";
    }
  }
}
