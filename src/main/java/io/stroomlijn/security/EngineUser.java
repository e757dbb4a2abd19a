package io.stroomlijn.security;

import java.util.List;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A user of Camunda's identity service, authenticated for one request: Spring Security's view of
 * the engine's {@link Authentication} (user, groups, tenants), which {@link
 * EngineAuthenticationFilter} hands to the engine so that Camunda's authorization checks apply to
 * the same user.
 */
final class EngineUser extends AbstractAuthenticationToken {

  private final transient Authentication authentication;

  EngineUser(Authentication authentication) {
    super(
        AuthorityUtils.createAuthorityList(
            groups(authentication).stream().map(group -> "GROUP_" + group).toList()));
    this.authentication = authentication;
    setAuthenticated(true);
  }

  Authentication engineAuthentication() {
    return authentication;
  }

  @Override
  public String getName() {
    return authentication.getUserId();
  }

  @Override
  public Object getPrincipal() {
    return authentication.getUserId();
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  private static List<String> groups(Authentication authentication) {
    return authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
  }
}
