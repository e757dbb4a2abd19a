package io.stroomlijn.connector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.stroomlijn.connector.ConnectionsProperties;
import io.stroomlijn.connector.ConnectorException;
import io.stroomlijn.connector.OutboundHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP action's service against a real HTTP server (WireMock), without the engine. */
class HttpCallsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private HttpCalls calls() {
    ConnectionsProperties.Http crm =
        new ConnectionsProperties.Http(
            server.baseUrl() + "/crm", "bearer", null, null, "crm-t0ken", null, null);
    HttpServices services =
        new HttpServices(
            new ConnectionsProperties(Map.of(), Map.of(), Map.of(), Map.of("crm", crm)));
    return new HttpCalls(services, new OutboundHttp(), new ObjectMapper());
  }

  private static HttpCall call(String method, String url, Object body, String connection) {
    return new HttpCall(
        "Task_Call", method, url, Map.of(), body, connection, HttpCall.DEFAULT_TIMEOUT);
  }

  @Test
  void sendsTheConnectionsCredentialsAndParsesAJsonAnswer() {
    server.stubFor(get("/crm/accounts/C0042").willReturn(okJson("{\"creditLimit\": 25000}")));

    HttpCalls.Answer answer = calls().send(call("get", "accounts/C0042", null, "crm"));

    server.verify(
        getRequestedFor(urlEqualTo("/crm/accounts/C0042"))
            .withHeader("Authorization", equalTo("Bearer crm-t0ken"))
            .withHeader("Content-Type", absent()));
    assertThat(answer.refused()).isFalse();
    assertThat(answer.result()).containsEntry("status", 200);
    assertThat(answer.result().get("body")).isEqualTo(Map.of("creditLimit", 25000));
  }

  @Test
  void sendsAMapAsJsonAndTextAsItIs() {
    server.stubFor(post("/hooks").willReturn(aResponse().withStatus(204)));

    calls().send(call("POST", server.baseUrl() + "/hooks", Map.of("lines", List.of(1, 2)), null));
    calls().send(call("POST", server.baseUrl() + "/hooks", "{\"id\": 7}", null));

    server.verify(
        postRequestedFor(urlEqualTo("/hooks"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"lines\": [1, 2]}")));
    server.verify(postRequestedFor(urlEqualTo("/hooks")).withRequestBody(equalTo("{\"id\": 7}")));
  }

  @Test
  void aClientErrorIsAnAnswerTheFlowHandles() {
    server.stubFor(
        get("/crm/accounts/none").willReturn(aResponse().withStatus(404).withBody("no such")));

    HttpCalls.Answer answer = calls().send(call("GET", "accounts/none", null, "crm"));

    assertThat(answer.refused()).isTrue();
    assertThat(answer.result()).containsEntry("status", 404).containsEntry("body", "no such");
    assertThat(answer.summary())
        .startsWith(
            "GET " + server.baseUrl() + "/crm/accounts/none (connection 'crm') answered 404")
        .doesNotContain("crm-t0ken");
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 503})
  void busyAndFailingServersAreTechnicalFailuresThatRetry(int status) {
    server.stubFor(get("/flaky").willReturn(aResponse().withStatus(status)));

    assertThatThrownBy(() -> calls().send(call("GET", server.baseUrl() + "/flaky", null, null)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("answered " + status);
  }

  @Test
  void aSlowServerIsATechnicalFailure() {
    server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(2_000)));
    HttpCall slow =
        new HttpCall(
            "Task_Call",
            "GET",
            server.baseUrl() + "/slow",
            Map.of(),
            null,
            null,
            Duration.ofMillis(200));

    assertThatThrownBy(() -> calls().send(slow))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("did not answer within PT0.2S");
  }

  @Test
  void refusesAnUnknownMethodNamingTheTaskAndInput() {
    assertThatThrownBy(() -> calls().send(call("FETCH", server.baseUrl(), null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Task Task_Call, input 'method' 'FETCH' is not one of");
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
