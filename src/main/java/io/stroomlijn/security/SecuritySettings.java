package io.stroomlijn.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Stroomlijn protects its logins.
 *
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *     names the client; requests from anywhere else are their own client (default: none)
 * @param loginThrottle how wrong passwords slow down and then block the client that sends them
 */
@ConfigurationProperties("stroomlijn.security")
public record SecuritySettings(List<String> trustedProxies, LoginThrottle loginThrottle) {

  public SecuritySettings {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    loginThrottle = loginThrottle == null ? new LoginThrottle(0, null, null) : loginThrottle;
  }

  /**
   * @param freeAttempts wrong passwords a client may send before it has to wait (default 5)
   * @param firstDelay how long it waits after the first wrong password beyond them; each further
   *     one doubles the wait (default 1 second)
   * @param maxBlock the longest wait; a client that sends no wrong password for this long after its
   *     wait ended starts afresh (default 15 minutes)
   */
  public record LoginThrottle(int freeAttempts, Duration firstDelay, Duration maxBlock) {

    public LoginThrottle {
      freeAttempts = freeAttempts <= 0 ? 5 : freeAttempts;
      firstDelay = positiveOr(firstDelay, Duration.ofSeconds(1), "first-delay");
      maxBlock = positiveOr(maxBlock, Duration.ofMinutes(15), "max-block");
    }

    private static Duration positiveOr(Duration value, Duration otherwise, String name) {
      if (value == null) {
        return otherwise;
      }
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "stroomlijn.security.login-throttle." + name + " must be a positive duration");
      }
      return value;
    }
  }
}
