package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Every endpoint but health needs a user of the Camunda identity service. */
@StroomlijnTest
class AuthenticationTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired ApplicationContext context;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v2.0/companies",
        "/engine-rest/process-definition",
        "/engine-rest/engine",
        "/api/anything"
      })
  void refusesRequestsWithoutCredentials(String path) {
    Response response = ApiClient.anonymous(port).get(path);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v2.0/companies", "/engine-rest/process-definition"})
  void refusesAWrongPassword(String path) {
    // Not the admin: Camunda delays a user's logins after a failed one (brute force protection).
    User guesser = identityService.newUser("guesser");
    guesser.setPassword("right-password");
    identityService.saveUser(guesser);
    try {
      Response response = ApiClient.as(port, "guesser", "wrong-password").get(path);

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo("Unauthorized");
    } finally {
      identityService.deleteUser("guesser");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v2.0/companies", "/engine-rest/process-definition"})
  void letsTheAdministratorIn(String path) {
    Response response =
        ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD).get(path);

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void leavesHealthOpen() {
    Response health = ApiClient.anonymous(port).get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(ApiClient.anonymous(port).get("/actuator/env").status())
        .as("closed like everything not opened on purpose")
        .isEqualTo(401);
  }

  @Test
  void appliesCamundaAuthorizationsToTheEngineRestApi() {
    User clerk = identityService.newUser("clerk");
    clerk.setPassword("clerk-password");
    identityService.saveUser(clerk);
    try {
      ApiClient asClerk = ApiClient.as(port, "clerk", "clerk-password");

      Response definitions = asClerk.get("/engine-rest/process-definition");
      assertThat(definitions.status()).isEqualTo(200);
      assertThat(definitions.json()).as("no read authorization, so nothing visible").isEmpty();

      Response users =
          asClerk.send(
              "POST",
              "/engine-rest/user/create",
              "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}");
      assertThat(users.status()).isEqualTo(403);
      assertThat(identityService.createUserQuery().userId("mallory").count()).isZero();
    } finally {
      identityService.deleteUser("clerk");
    }
  }

  @Test
  void aChangedPasswordAppliesToApiCallsWithinTenSeconds() {
    String id = "changer-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword("old-password");
    identityService.saveUser(user);
    // a client of its own, so the refusal at the end counts against no other test's client
    String[] client = {"X-Forwarded-For", "198.51.100.73"};
    ApiClient withOld = ApiClient.as(port, id, "old-password");
    try {
      assertThat(withOld.get("/api/approvals", client).status()).isEqualTo(200);
      long verifiedAt = System.nanoTime();

      User changed = identityService.createUserQuery().userId(id).singleResult();
      changed.setPassword("new-password");
      identityService.saveUser(changed);

      assertThat(withOld.get("/api/approvals", client).status())
          .as("the login verified a moment ago is remembered")
          .isEqualTo(200);
      assertThat(ApiClient.as(port, id, "new-password").get("/api/approvals", client).status())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(11))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> withOld.get("/api/approvals", client).status() == 401);
      assertThat(Duration.ofNanos(System.nanoTime() - verifiedAt))
          .as("the old password stopped working within ten seconds of its last verification")
          .isLessThan(Duration.ofMillis(10_800));
    } finally {
      identityService.deleteUser(id);
    }
  }

  @Test
  void springBootMakesNoDefaultUserWithAPrintedPassword() {
    assertThat(context.getBeansOfType(UserDetailsService.class))
        .as("Spring Boot's in-memory user would log its generated password")
        .isEmpty();
  }
}
