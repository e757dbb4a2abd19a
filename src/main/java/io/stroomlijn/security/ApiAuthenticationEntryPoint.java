package io.stroomlijn.security;

import io.stroomlijn.web.JsonErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's answers to a request without a valid login, in the API's JSON error format: 401 with a
 * Basic challenge, or 429 with {@code Retry-After} while the client is throttled.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
      throws IOException {
    if (refusal instanceof LoginThrottledException throttled) {
      long seconds = throttled.retryAfterSeconds();
      response.setHeader("Retry-After", Long.toString(seconds));
      JsonErrors.write(
          response,
          429,
          "TooManyLoginAttempts",
          "Too many wrong passwords from your address; try again in " + seconds + " seconds.");
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"Stroomlijn\", charset=\"UTF-8\"");
    JsonErrors.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "Unauthorized",
        refusal instanceof BadCredentialsException
            ? "The user name or password is incorrect."
            : "Authentication required: send HTTP Basic credentials.");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    JsonErrors.write(
        response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "You may not do this.");
  }
}
