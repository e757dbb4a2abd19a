package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.StroomlijnTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Closed unless opened on purpose: any method on any path needs a user; answers are JSON in the
 * API's error format, not HTML, and carry headers that keep browsers from sniffing or caching them.
 */
@StroomlijnTest
class DenyByDefaultTest {

  @LocalServerPort int port;

  private ApiClient admin() {
    return ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/engine-rest/process-definition", "/api/v2.0/companies", "/api/flows/instant"})
  void optionsNeedsAUserToo(String path) {
    Response response = ApiClient.anonymous(port).send("OPTIONS", path, null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("application.wadl").doesNotContain("<");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nothing-here", "/api/nothing", "/camunda-not-an-app"})
  void anUnknownPathIsClosedToStrangers(String path) {
    assertThat(ApiClient.anonymous(port).get(path).status()).isEqualTo(401);
  }

  @Test
  void anUnknownPathIsAJson404ForAUser() {
    Response response = admin().get("/api/nothing-here", "Accept", "text/html");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(response.errorCode()).isEqualTo("NotFound");
  }

  @Test
  void theErrorPageCalledDirectlyIsNoServerError() {
    assertThat(ApiClient.anonymous(port).get("/error").status()).isEqualTo(404);
    assertThat(admin().get("/error").status()).isEqualTo(404);
  }

  @Test
  void apiAnswersAreNeitherSniffedNorCached() {
    Response response = admin().get("/api/v2.0/companies");

    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Cache-Control")).contains("no-store");
  }

  @Test
  void aFlowsApiRequestWithTheWrongContentTypeIsAJson415() {
    Response response =
        admin().send("POST", "/api/flows/consent", "agree=true", "Content-Type", "text/plain");

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.errorCode()).isEqualTo("BadRequest_UnsupportedMediaType");
  }

  @Test
  void aBrowserPageOfAnotherSiteChangesNothingWithRememberedCredentials() {
    Response forged =
        admin()
            .send(
                "POST",
                "/api/flows/consent",
                "{\"agree\": true}",
                "Origin",
                "https://evil.test",
                "Sec-Fetch-Site",
                "cross-site");

    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.errorCode()).isEqualTo("CrossSiteRequest");
    assertThat(
            admin()
                .send(
                    "POST",
                    "/api/flows/consent",
                    "{\"agree\": true}",
                    "Sec-Fetch-Site",
                    "same-origin")
                .status())
        .isEqualTo(200);
  }

  @Test
  void theApprovalLinkPageIsOpenButNeitherFramedCachedNorReferred() {
    Response page = ApiClient.anonymous(port).get("/approvals/links/not-a-valid-token");

    assertThat(page.status()).as("open, and refuses the token itself").isBetween(400, 499);
    assertThat(page.header("Cache-Control")).contains("no-store");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
  }
}
