package io.stroomlijn.security;

import io.stroomlijn.web.ApiException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Who is calling: the user {@link BasicAuthenticationFilter} authenticated for this request. */
@Component
public class Callers {

  private final IdentityService identityService;

  Callers(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The caller of the current request; 401 when there is none. */
  public Caller current() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "Unauthorized", null, "Authentication required.");
    }
    List<String> groups = authentication.getGroupIds();
    return new Caller(authentication.getUserId(), groups == null ? List.of() : groups);
  }
}
