package io.stroomlijn.security;

import io.stroomlijn.web.JsonErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login form (Cockpit, Tasklist, Admin) checks passwords itself; the same throttle
 * applies to it as to the API, so guessing through the login page gains nothing either.
 */
final class WebappLoginThrottleFilter extends OncePerRequestFilter {

  /** {@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}: the webapps' login. */
  private static final Pattern LOGIN =
      Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

  private final LoginThrottle throttle;
  private final ClientAddresses clients;

  WebappLoginThrottleFilter(LoginThrottle throttle, ClientAddresses clients) {
    this.throttle = throttle;
    this.clients = clients;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !LOGIN
            .matcher(request.getRequestURI().substring(request.getContextPath().length()))
            .matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String client = clients.of(request);
    Duration wait = throttle.waitFor(client);
    if (!wait.isZero()) {
      LoginThrottledException throttled = new LoginThrottledException(wait);
      response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
      JsonErrors.write(response, 429, "TooManyLoginAttempts", throttled.getMessage());
      return;
    }
    chain.doFilter(request, response);
    // The login answers 401 to a wrong user name or password (403 is a missing XSRF token).
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(client);
    }
  }
}
