package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How long a client waits after wrong passwords, on a clock the test moves. */
class LoginThrottleTest {

  private final MovableClock clock = new MovableClock();
  private final LoginThrottle throttle =
      new LoginThrottle(
          new SecuritySettings.LoginThrottle(3, Duration.ofSeconds(1), Duration.ofSeconds(60)),
          clock);

  @Test
  void letsAClientTryFreelyUpToItsFreeAttempts() {
    throttle.failed("a");
    throttle.failed("a");

    assertThat(throttle.waitFor("a")).isZero();
  }

  @Test
  void doublesTheWaitWithEachFurtherWrongPasswordUpToTheMaximum() {
    assertThat(throttle.waitAfter(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.waitAfter(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(throttle.waitAfter(8)).isEqualTo(Duration.ofSeconds(32));
    assertThat(throttle.waitAfter(9)).isEqualTo(Duration.ofSeconds(60));
    assertThat(throttle.waitAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void blocksOnlyTheClientThatSentTheWrongPasswords() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("a");
    }

    assertThat(throttle.waitFor("a")).isEqualTo(Duration.ofSeconds(2));
    assertThat(throttle.waitFor("b")).isZero();
  }

  @Test
  void endsTheWaitWhenItsTimeIsUp() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("a");
    }
    clock.move(Duration.ofMillis(400));
    assertThat(throttle.waitFor("a")).isEqualTo(Duration.ofMillis(600));

    clock.move(Duration.ofMillis(600));
    assertThat(throttle.waitFor("a")).isZero();
  }

  @Test
  void forgetsAClientThatStayedQuietForTheMaximumWaitAfterItsWait() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("a");
    }
    clock.move(Duration.ofSeconds(1 + 60).plusMillis(1));

    throttle.failed("a");

    assertThat(throttle.waitFor("a")).as("counted afresh: one wrong password").isZero();
  }

  @Test
  void keepsCountingWhileTheClientComesBackSooner() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("a");
    }
    clock.move(Duration.ofSeconds(30));

    throttle.failed("a");

    assertThat(throttle.waitFor("a")).isEqualTo(Duration.ofSeconds(2));
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
