package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.WebappSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Cockpit, Tasklist and Admin keep their own session login, for the same users. */
@StroomlijnTest
class WebappLoginTest {

  @LocalServerPort int port;

  @Test
  void theAdministratorLogsIntoCockpit() {
    WebappSession browser = new WebappSession(port, null);
    assertThat(browser.open("cockpit")).isEqualTo(200);

    HttpResponse<String> login =
        browser.login("cockpit", StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD, true);

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"admin\"").contains("cockpit", "tasklist");
  }

  @Test
  void theLoginNeedsTheXsrfTokenOfThePage() {
    WebappSession browser = new WebappSession(port, null);
    browser.open("cockpit");

    assertThat(
            browser
                .login("cockpit", StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD, false)
                .statusCode())
        .isEqualTo(403);
  }
}
