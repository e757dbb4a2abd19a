package io.stroomlijn.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against the Camunda identity service. The authenticated user and its
 * groups become the engine's current authentication, so Camunda's authorization checks apply to
 * {@code /engine-rest} and to our own API alike; the request's remote user is set for code that
 * must not know Camunda (the ERP API records who changed a record).
 */
class BasicAuthenticationFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Basic ";

  private final IdentityService identityService;
  private final VerifiedLogins verifiedLogins = new VerifiedLogins();

  BasicAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("OPTIONS".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    Credentials credentials = Credentials.parse(request.getHeader("Authorization"));
    if (credentials == null) {
      reject(response, "Authentication required: send HTTP Basic credentials.");
      return;
    }
    Authentication authentication =
        verifiedLogins.find(credentials.username(), credentials.password());
    if (authentication == null) {
      authentication = verify(credentials);
      if (authentication == null) {
        reject(response, "The user name or password is incorrect.");
        return;
      }
      verifiedLogins.remember(credentials.username(), credentials.password(), authentication);
    }
    identityService.setAuthentication(authentication);
    try {
      chain.doFilter(new AuthenticatedRequest(request, authentication.getUserId()), response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Checks the password and reads the user's groups and tenants; null when the login fails. */
  private Authentication verify(Credentials credentials) {
    if (!identityService.checkPassword(credentials.username(), credentials.password())) {
      return null;
    }
    String userId = credentials.username();
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

  private static void reject(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"Stroomlijn\", charset=\"UTF-8\"");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write("{\"error\":{\"code\":\"Unauthorized\",\"message\":\"" + message + "\"}}");
  }

  private record Credentials(String username, String password) {

    static Credentials parse(String header) {
      if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
        return null;
      }
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(PREFIX.length()).trim()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
  }

  private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final String userId;

    AuthenticatedRequest(HttpServletRequest request, String userId) {
      super(request);
      this.userId = userId;
    }

    @Override
    public String getRemoteUser() {
      return userId;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> userId;
    }

    @Override
    public String getAuthType() {
      return HttpServletRequest.BASIC_AUTH;
    }
  }
}
