package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StroomlijnTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Cockpit, Tasklist and Admin keep their own session login, for the same users. */
@StroomlijnTest
class WebappLoginTest {

  @LocalServerPort int port;

  private final CookieManager cookies = new CookieManager();
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

  @Test
  void theAdministratorLogsIntoCockpit() throws Exception {
    String xsrf = openCockpit();

    HttpResponse<String> login = login(xsrf);

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"admin\"").contains("cockpit", "tasklist");
  }

  @Test
  void theLoginNeedsTheXsrfTokenOfThePage() throws Exception {
    openCockpit();

    assertThat(login(null).statusCode()).isEqualTo(403);
  }

  /** Opens Cockpit's page as a browser does and returns the XSRF token it was given. */
  private String openCockpit() throws Exception {
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(base() + "/camunda/app/cockpit/default/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }

  private HttpResponse<String> login(String xsrf) throws Exception {
    String form =
        "username="
            + StroomlijnTest.ADMIN
            + "&password="
            + URLEncoder.encode(StroomlijnTest.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(base() + "/camunda/api/admin/auth/user/default/login/cockpit"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (xsrf != null) {
      request.header("X-XSRF-TOKEN", xsrf);
    }
    return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
