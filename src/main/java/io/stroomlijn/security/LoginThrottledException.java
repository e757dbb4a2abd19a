package io.stroomlijn.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused unchecked because its client sent too many wrong passwords. */
final class LoginThrottledException extends AuthenticationException {

  private final Duration wait;

  LoginThrottledException(Duration wait) {
    super("Too many wrong passwords from your address.");
    this.wait = wait;
  }

  /** Whole seconds until the client may try again, rounded up (the {@code Retry-After}). */
  long retryAfterSeconds() {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
