package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import io.stroomlijn.support.WebappSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Wrong passwords slow down and then block the client that sends them, never the account: the test
 * profile gives a client 20 free attempts, then waits of 1 and 2 seconds. Clients are told apart by
 * X-Forwarded-For, which the test profile trusts from localhost.
 */
@StroomlijnTest
class LoginThrottlingTest {

  private static final int FREE_ATTEMPTS = 20;

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  private TestUsers users;
  private final String attacker = "203.0.113." + (1 + (int) (Math.random() * 250));
  private final String colleague = "198.51.100." + (1 + (int) (Math.random() * 250));

  @BeforeEach
  void setUp() {
    users = new TestUsers(identityService, port);
  }

  @AfterEach
  void tearDown() {
    users.removeAll();
  }

  @Test
  void blocksTheGuessingClientWithRetryAfterWhileOthersLogInAtOnce() {
    String victim = users.create("victim");
    ApiClient guesser = ApiClient.as(port, victim, "wrong-" + UUID.randomUUID());
    for (int i = 0; i < FREE_ATTEMPTS; i++) {
      assertThat(guesser.get("/api/v2.0/companies", "X-Forwarded-For", attacker).status())
          .isEqualTo(401);
    }

    Response blocked = guesser.get("/engine-rest/engine", "X-Forwarded-For", attacker);
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 2L);
    assertThat(blocked.errorCode()).isEqualTo("TooManyLoginAttempts");
    assertThat(
            users.client(victim).get("/api/v2.0/companies", "X-Forwarded-For", attacker).status())
        .as("even the right password waits on the guessing client")
        .isEqualTo(429);

    assertThat(
            users.client(victim).get("/api/v2.0/companies", "X-Forwarded-For", colleague).status())
        .as("the right password from another client works at once")
        .isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(
                        users
                            .client(victim)
                            .get("/api/v2.0/companies", "X-Forwarded-For", attacker)
                            .status())
                    .as("after the wait, from the same client too")
                    .isEqualTo(200));
  }

  @Test
  void neverLocksTheAdministratorOut() {
    ApiClient guesser = ApiClient.as(port, StroomlijnTest.ADMIN, "not-the-password");
    for (int i = 0; i < FREE_ATTEMPTS + 5; i++) {
      guesser.get("/engine-rest/engine", "X-Forwarded-For", attacker);
    }

    ApiClient admin = ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
    assertThat(admin.get("/engine-rest/user/admin/profile", "X-Forwarded-For", colleague).status())
        .isEqualTo(200);
    assertThat(identityService.checkPassword(StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD))
        .as("Camunda's own lock never engages")
        .isTrue();
  }

  @Test
  void throttlesTheWebappLoginFormLikeTheApi() {
    String victim = users.create("webvictim");
    WebappSession attackerBrowser = new WebappSession(port, attacker);
    for (int i = 0; i < FREE_ATTEMPTS; i++) {
      assertThat(attackerBrowser.login("tasklist", victim, "wrong", true).statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> blocked =
        attackerBrowser.login("tasklist", victim, TestUsers.PASSWORD, true);
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    assertThat(
            users.client(victim).get("/api/v2.0/companies", "X-Forwarded-For", attacker).status())
        .as("one throttle for the webapps and the API")
        .isEqualTo(429);

    HttpResponse<String> colleagueLogin =
        new WebappSession(port, colleague).login("tasklist", victim, TestUsers.PASSWORD, true);
    assertThat(colleagueLogin.statusCode()).isEqualTo(200);
  }
}
