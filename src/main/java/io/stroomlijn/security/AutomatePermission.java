package io.stroomlijn.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Business Central's "Automate" permission for instant flows: members of the automate group (and
 * administrators) may run every instant flow; anyone else a flow they hold a Camunda {@code
 * CREATE_INSTANCE} authorization on (granted in the Admin webapp, for the user or one of its
 * groups).
 */
@Component
public class AutomatePermission {

  private final AuthorizationService authorizations;
  private final String automateGroup;

  AutomatePermission(AuthorizationService authorizations, AutomateProperties properties) {
    this.authorizations = authorizations;
    this.automateGroup = properties.group();
  }

  /** Whether the caller may run every instant flow, without asking per flow. */
  public boolean mayRunAll(Caller caller) {
    return caller.isAdministrator() || caller.groups().contains(automateGroup);
  }

  /** Whether the caller may run the flow with this key. */
  public boolean mayRun(Caller caller, String flowKey) {
    return mayRunAll(caller)
        || authorizations.isUserAuthorized(
            caller.userId(),
            caller.groups(),
            Permissions.CREATE_INSTANCE,
            Resources.PROCESS_DEFINITION,
            flowKey);
  }
}
