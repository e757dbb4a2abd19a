package io.stroomlijn.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser session with Camunda's webapps (Cockpit, Tasklist, Admin): it opens an app's page for
 * the XSRF cookie, logs in through the login form and calls the webapps' own API as their pages do.
 */
public final class WebappSession {

  private final CookieManager cookies = new CookieManager();
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String base;
  private final List<String> headers = new ArrayList<>();

  /** A browser at localhost; {@code forwardedFor} names another client address, or is null. */
  public WebappSession(int port, String forwardedFor) {
    this.base = "http://localhost:" + port;
    if (forwardedFor != null) {
      headers.add("X-Forwarded-For");
      headers.add(forwardedFor);
    }
  }

  /** Opens the app's page (e.g. {@code tasklist}); returns the status. */
  public int open(String app) {
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/"))
            .GET())
        .statusCode();
  }

  /** The XSRF token the webapps gave this browser, or null. */
  public String xsrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Logs in through the app's login form, with the XSRF token when {@code withXsrf}. */
  public HttpResponse<String> login(String app, String user, String password, boolean withXsrf) {
    if (xsrfToken() == null) {
      open(app);
    }
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (withXsrf) {
      request.header("X-XSRF-TOKEN", xsrfToken());
    }
    return send(request);
  }

  /**
   * Calls the webapps' engine API ({@code /camunda/api/engine/engine/default/...}) as a page does.
   */
  public HttpResponse<String> engine(String method, String path, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + path))
            .header("Accept", "application/json")
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    if (xsrfToken() != null) {
      request.header("X-XSRF-TOKEN", xsrfToken());
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    try {
      return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
