package io.stroomlijn.connector.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.stroomlijn.connector.ActionFlows;
import io.stroomlijn.support.StroomlijnTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** "Post a message in Teams" against a real HTTP server standing in for the Teams webhook. */
@StroomlijnTest
class PostTeamsMessageActionTest {

  static final String WEBHOOK = "/webhookb2/secret-sales-token";

  @RegisterExtension
  static WireMockExtension teams =
      WireMockExtension.newInstance().options(wireMockConfig().port(18089)).build();

  /** Another origin: the same host on another port. */
  @RegisterExtension
  static WireMockExtension elsewhere =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void postsTheTextAsAnAdaptiveCardToTheConnectionsWebhook() {
    teams.stubFor(post(WEBHOOK).willReturn(aResponse().withStatus(202)));
    deploy(
        ActionFlows.of("TeamsInvoiceApproved", "postTeamsMessageDelegate")
            .input("connection", "sales")
            .input("message", "Invoice **${invoiceNo}** was approved"));

    runtime.startProcessInstanceByKey("TeamsInvoiceApproved", Map.of("invoiceNo", "103001"));

    teams.verify(
        1,
        postRequestedFor(urlEqualTo(WEBHOOK))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(matchingJsonPath("$.type", equalTo("message")))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].contentType",
                    equalTo("application/vnd.microsoft.card.adaptive")))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].content.body[0].text",
                    equalTo("Invoice **103001** was approved"))));
  }

  @Test
  void sendsAnAuthorsAdaptiveCardAsItIs() {
    teams.stubFor(post(WEBHOOK).willReturn(aResponse().withStatus(200).withBody("1")));
    String card =
        "{\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":[{\"type\":\"FactSet\","
            + "\"facts\":[{\"title\":\"Amount\",\"value\":\"${amount}\"}]}]}";
    deploy(
        ActionFlows.of("TeamsCard", "postTeamsMessageDelegate")
            .input("connection", "sales")
            .input("adaptiveCard", card));

    runtime.startProcessInstanceByKey("TeamsCard", Map.of("amount", "12,500.00"));

    teams.verify(
        postRequestedFor(urlEqualTo(WEBHOOK))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].content",
                    equalToJson(card.replace("${amount}", "12,500.00")))));
  }

  @Test
  void valuesInAnAuthorsCardStayStringsWhateverTheyHold() {
    teams.stubFor(post(WEBHOOK).willReturn(aResponse().withStatus(200)));
    String card =
        "{\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":[{\"type\":\"TextBlock\","
            + "\"text\":\"${customer}\"}]}";
    deploy(
        ActionFlows.of("TeamsCardQuotes", "postTeamsMessageDelegate")
            .input("connection", "sales")
            .input("adaptiveCard", card));

    runtime.startProcessInstanceByKey(
        "TeamsCardQuotes", Map.of("customer", "Quote \"Test\" BV\", \"isSubtle\": \"true"));

    teams.verify(
        postRequestedFor(urlEqualTo(WEBHOOK))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].content.body[0].text",
                    equalTo("Quote \"Test\" BV\", \"isSubtle\": \"true"))));
  }

  @Test
  void aRefusalNamesTheConnectionButNeverTheSecretWebhookUrl() {
    teams.stubFor(
        post(WEBHOOK)
            .willReturn(aResponse().withStatus(400).withBody("Bad payload: card invalid")));
    deploy(
        ActionFlows.of("TeamsRefused", "postTeamsMessageDelegate")
            .input("connection", "sales")
            .input("message", "Hello"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("TeamsRefused"))
        .hasMessageContaining("Teams connection 'sales' refused the message of task Task_Action")
        .hasMessageContaining("HTTP 400 Bad payload: card invalid")
        .message()
        .doesNotContain("secret-sales-token");
  }

  @Test
  void aRedirectToAnotherOriginIsNotFollowedAndNamesOnlyThatOrigin() {
    elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    teams.stubFor(
        post(WEBHOOK)
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader(
                        "Location",
                        "http://localhost:"
                            + elsewhere.getPort()
                            + "/webhookb2/secret-sales-token")));
    deploy(
        ActionFlows.of("TeamsRedirected", "postTeamsMessageDelegate")
            .input("connection", "sales")
            .input("message", "Hello"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("TeamsRedirected"))
        .hasMessageContaining(
            "Teams connection 'sales' was redirected to http://localhost:"
                + elsewhere.getPort()
                + ", another origin than http://localhost:18089")
        .message()
        .doesNotContain("secret-sales-token");
    elsewhere.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anInvalidCardFailsBeforeAnythingIsPosted() {
    deploy(
        ActionFlows.of("TeamsBadCard", "postTeamsMessageDelegate")
            .input("connection", "sales")
            .input("adaptiveCard", "{\"type\": \"Card\"}"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("TeamsBadCard"))
        .hasMessageContaining(
            "input 'adaptiveCard' must be a JSON object with \"type\": \"AdaptiveCard\"");
    teams.verify(0, postRequestedFor(urlEqualTo(WEBHOOK)));
  }

  @Test
  void anUnknownChannelSaysWhichSettingIsMissing() {
    deploy(
        ActionFlows.of("TeamsUnknown", "postTeamsMessageDelegate")
            .input("connection", "finance")
            .input("message", "Hello"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("TeamsUnknown"))
        .hasMessageContaining("no Teams connection named 'finance'")
        .hasMessageContaining("STROOMLIJN_CONNECTIONS_TEAMS_FINANCE_WEBHOOKURL");
  }

  private void deploy(ActionFlows flow) {
    deployments.add(flow.deploy(repository));
  }
}
