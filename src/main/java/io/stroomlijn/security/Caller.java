package io.stroomlijn.security;

import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;

/** The authenticated user of an API request and the groups it belongs to. */
public record Caller(String userId, List<String> groups) {

  public Caller {
    groups = List.copyOf(groups);
  }

  /** Members of {@code camunda-admin} administer Stroomlijn. */
  public boolean isAdministrator() {
    return groups.contains(Groups.CAMUNDA_ADMIN);
  }
}
