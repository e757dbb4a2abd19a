package io.stroomlijn.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Engine calls Stroomlijn makes on its own behalf while serving a user, without the engine's
 * authorization checks for that user: reading which flows are deployed (shared by every caller, so
 * it must not depend on who asked first), and starting an instant flow a user may run by the
 * automate permission, which does not require Camunda authorizations on process instances.
 */
@Component
public class SystemCalls {

  private final IdentityService identity;

  SystemCalls(IdentityService identity) {
    this.identity = identity;
  }

  /** Runs the work with no engine authentication, then restores the caller's. */
  public <T> T run(Supplier<T> work) {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null) {
      return work.get();
    }
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      identity.setAuthentication(authentication);
    }
  }
}
