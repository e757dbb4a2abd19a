package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
  void throttlesTheWebappLoginFormLikeTheApi() throws Exception {
    String victim = users.create("webvictim");
    Webapp attackerBrowser = new Webapp(attacker);
    for (int i = 0; i < FREE_ATTEMPTS; i++) {
      assertThat(attackerBrowser.login(victim, "wrong").statusCode()).isEqualTo(401);
    }

    HttpResponse<String> blocked = attackerBrowser.login(victim, TestUsers.PASSWORD);
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    assertThat(
            users.client(victim).get("/api/v2.0/companies", "X-Forwarded-For", attacker).status())
        .as("one throttle for the webapps and the API")
        .isEqualTo(429);

    HttpResponse<String> colleagueLogin = new Webapp(colleague).login(victim, TestUsers.PASSWORD);
    assertThat(colleagueLogin.statusCode()).isEqualTo(200);
  }

  /** A browser at the given address that opens Tasklist and logs in through its form. */
  private final class Webapp {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String address;

    Webapp(String address) {
      this.address = address;
    }

    HttpResponse<String> login(String user, String password) throws Exception {
      if (cookies.getCookieStore().getCookies().isEmpty()) {
        browser.send(
            HttpRequest.newBuilder(URI.create(base() + "/camunda/app/tasklist/default/"))
                .header("X-Forwarded-For", address)
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }
      String xsrf =
          cookies.getCookieStore().getCookies().stream()
              .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
              .map(HttpCookie::getValue)
              .findFirst()
              .orElseThrow();
      String form =
          "username="
              + URLEncoder.encode(user, StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(password, StandardCharsets.UTF_8);
      return browser.send(
          HttpRequest.newBuilder(
                  URI.create(base() + "/camunda/api/admin/auth/user/default/login/tasklist"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("X-XSRF-TOKEN", xsrf)
              .header("X-Forwarded-For", address)
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
