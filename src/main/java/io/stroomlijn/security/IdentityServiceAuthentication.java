package io.stroomlijn.security;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks user name and password against Camunda's identity service, so that the API and the webapps
 * know the same users, groups and passwords. A client that sent too many wrong passwords is refused
 * before its password is looked at ({@link LoginThrottle}); a login verified a moment ago is not
 * checked again ({@link VerifiedLogins}).
 */
final class IdentityServiceAuthentication implements AuthenticationProvider {

  private final IdentityService identityService;
  private final LoginThrottle throttle;
  private final VerifiedLogins verifiedLogins = new VerifiedLogins();

  IdentityServiceAuthentication(IdentityService identityService, LoginThrottle throttle) {
    this.identityService = identityService;
    this.throttle = throttle;
  }

  @Override
  public org.springframework.security.core.Authentication authenticate(
      org.springframework.security.core.Authentication login) throws AuthenticationException {
    String client = login.getDetails() instanceof ClientAddress address ? address.value() : "";
    Duration wait = throttle.waitFor(client);
    if (!wait.isZero()) {
      throw new LoginThrottledException(wait);
    }
    String username = login.getName();
    String password = login.getCredentials() == null ? "" : login.getCredentials().toString();
    Authentication authentication = verifiedLogins.find(username, password);
    if (authentication == null) {
      authentication = verify(username, password);
      if (authentication == null) {
        throttle.failed(client);
        throw new BadCredentialsException("The user name or password is incorrect.");
      }
      verifiedLogins.remember(username, password, authentication);
    }
    return new EngineUser(authentication);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** Checks the password and reads the user's groups and tenants; null when the login fails. */
  private Authentication verify(String userId, String password) {
    if (userId.isEmpty() || !identityService.checkPassword(userId, password)) {
      return null;
    }
    List<String> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .toList();
    List<String> tenants =
        identityService
            .createTenantQuery()
            .userMember(userId)
            .includingGroupsOfUser(true)
            .list()
            .stream()
            .map(Tenant::getId)
            .toList();
    return new Authentication(userId, groups, tenants);
  }

  /** The client a login came from, as the throttle counts it. */
  record ClientAddress(String value) {}
}
