package io.stroomlijn.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong passwords per client address. After {@code freeAttempts} wrong passwords a client waits
 * before it may try again, twice as long after each further one, at most {@code maxBlock}; during
 * the wait every login from that client is refused unchecked, even a right one, so guessing gains
 * nothing. Other clients are not affected, and no account is ever locked: Camunda's own per-user
 * lock is switched off (application.yaml), because it let anyone lock out any user, the
 * administrator included, with ten wrong passwords.
 *
 * <p>A right password does not reset the count: an attacker with an account of their own could
 * otherwise interleave their own logins with guesses. The count is forgotten when the client has
 * sent no wrong password for {@code maxBlock} after its wait ended. Kept in memory per node: a
 * restart forgets it, which costs an attacker a restart they cannot cause.
 */
final class LoginThrottle {

  /** Beyond this many clients, those whose count has expired are forgotten first. */
  private static final int TIDY_ABOVE = 10_000;

  private final SecuritySettings.LoginThrottle settings;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(SecuritySettings.LoginThrottle settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** How long the client still has to wait before it may log in, or zero. */
  Duration waitFor(String client) {
    Failures entry = failures.get(client);
    Instant now = clock.instant();
    if (entry == null || !entry.blockedUntil().isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, entry.blockedUntil());
  }

  /** Counts a wrong password from the client. */
  void failed(String client) {
    Instant now = clock.instant();
    if (failures.size() > TIDY_ABOVE) {
      failures.values().removeIf(entry -> entry.forgottenAt(settings.maxBlock()).isBefore(now));
    }
    failures.compute(
        client,
        (address, entry) -> {
          int count =
              entry == null || entry.forgottenAt(settings.maxBlock()).isBefore(now)
                  ? 1
                  : entry.count() + 1;
          return new Failures(count, now, now.plus(waitAfter(count)));
        });
  }

  /** The wait after the given number of wrong passwords. */
  Duration waitAfter(int count) {
    int beyondFree = count - settings.freeAttempts();
    if (beyondFree < 0) {
      return Duration.ZERO;
    }
    // 2^beyondFree overflows long past 62 doublings; any wait that long is the maximum anyway.
    if (beyondFree > 40) {
      return settings.maxBlock();
    }
    Duration wait = settings.firstDelay().multipliedBy(1L << beyondFree);
    return wait.compareTo(settings.maxBlock()) > 0 ? settings.maxBlock() : wait;
  }

  private record Failures(int count, Instant lastFailure, Instant blockedUntil) {

    Instant forgottenAt(Duration maxBlock) {
      Instant latest = blockedUntil.isAfter(lastFailure) ? blockedUntil : lastFailure;
      return latest.plus(maxBlock);
    }
  }
}
