package io.stroomlijn.erp.businesscentral.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.businesscentral.BusinessCentralException;
import io.stroomlijn.erp.businesscentral.BusinessCentralHttp;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.BusinessCentralTokens;
import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code businessCentral} in {@code /actuator/health}: UP when a token can be had and the API
 * answers {@code GET companies?$top=1}; DOWN with a {@code reason} that names the setting to check,
 * the token endpoint's {@code AADSTS} code or the HTTP status, never a secret. A result is kept for
 * 30 seconds, so health checks cost Business Central at most two requests a minute; a check that
 * takes longer than 10 seconds (Business Central retrying 503s) answers UNKNOWN and goes on in the
 * background.
 */
@ConditionalOnBusinessCentral
@Component("businessCentralHealthIndicator")
class BusinessCentralHealthIndicator implements HealthIndicator, DisposableBean {

  static final Duration KEEP = Duration.ofSeconds(30);
  static final Duration WAIT = Duration.ofSeconds(10);

  private final BusinessCentralTokens tokens;
  private final BusinessCentralHttp http;
  private final URI probe;
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService checker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "bc-health-check");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Checked last;
  private Future<?> checking;

  BusinessCentralHealthIndicator(
      BusinessCentralProperties properties,
      BusinessCentralTokens tokens,
      BusinessCentralHttp http) {
    this.tokens = tokens;
    this.http = http;
    String api = properties.apiUrl().toString();
    this.probe = URI.create((api.endsWith("/") ? api : api + "/") + "companies?$top=1");
  }

  private record Checked(Health health, Instant at) {}

  @Override
  public synchronized Health health() {
    Checked checked = last;
    if (checked != null && checked.at().plus(KEEP).isAfter(Instant.now())) {
      return checked.health();
    }
    if (checking == null || checking.isDone()) {
      checking = checker.submit(() -> last = new Checked(check(), Instant.now()));
    }
    try {
      checking.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return last.health();
    } catch (TimeoutException stillChecking) {
      return Health.unknown()
          .withDetail(
              "reason",
              "Business Central did not answer within " + WAIT.toSeconds() + " s; still checking")
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().withDetail("reason", "interrupted").build();
    } catch (ExecutionException e) {
      return Health.down().withDetail("reason", "the check failed unexpectedly").build();
    }
  }

  private Health check() {
    try {
      tokens.token();
    } catch (BusinessCentralException refused) {
      return Health.down().withDetail("reason", refused.getMessage()).build();
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("reason", "No token could be had (" + e.getClass().getSimpleName() + ")")
          .build();
    }
    BusinessCentralHttp.Response response;
    try {
      response = http.send("GET", probe, null, Map.of());
    } catch (BusinessCentralException e) {
      return Health.down().withDetail("reason", e.getMessage()).build();
    }
    if (response.status() >= 200 && response.status() < 300) {
      return Health.up().build();
    }
    return Health.down().withDetail("reason", refusal(response)).build();
  }

  /** The status and Business Central's error code, with what to check. */
  private String refusal(BusinessCentralHttp.Response response) {
    String code = "";
    try {
      JsonNode body = json.readTree(response.body() == null ? "" : response.body());
      code = body == null ? "" : body.path("error").path("code").asText("");
    } catch (IOException notJson) {
      // the status says enough
    }
    StringBuilder reason =
        new StringBuilder("Business Central answered HTTP ").append(response.status());
    if (!code.isBlank()) {
      reason.append(" (").append(code.replaceAll("[^A-Za-z0-9_.-]", "")).append(")");
    }
    reason.append(" to GET companies");
    if (response.status() == 403) {
      reason.append(
          ": give the Entra app permission sets on the page Microsoft Entra applications");
    } else if (response.status() == 404) {
      reason
          .append(": check ")
          .append(BusinessCentralProperties.PREFIX)
          .append("api-url (tenant-id and environment)");
    }
    return reason.toString();
  }

  @Override
  public void destroy() {
    checker.shutdownNow();
  }
}
