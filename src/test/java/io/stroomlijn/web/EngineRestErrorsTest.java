package io.stroomlijn.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.StroomlijnTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input to Camunda's engine REST API is a 400 in Camunda's error shape, never a 500: broken
 * deployments, values the database cannot hold.
 */
@StroomlijnTest
class EngineRestErrorsTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;

  private ApiClient admin() {
    return ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        "this is not xml",
        "",
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " targetNamespace=\"t\"><process id=\"Broken\" isExecutable=\"true\"><startEvent"
            + " id=\"s\"/><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\">"
            + "<conditionExpression>${(((}</conditionExpression></sequenceFlow><endEvent"
            + " id=\"e\"/></process></definitions>"
      })
  void aDeploymentThatIsNoReadableBpmnIsA400(String content) throws Exception {
    long before = repository.createDeploymentQuery().count();

    HttpResponse<String> response = deploy("broken.bpmn", content);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("\"type\"").contains("\"message\"");
    assertThat(response.body()).doesNotContain("root:");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
  }

  @Test
  void aBusinessKeyLongerThanTheDatabaseHoldsIsA400() throws Exception {
    String key = deployedProcess();

    Response response =
        admin()
            .post(
                "/engine-rest/process-definition/key/" + key + "/start",
                Map.of("businessKey", "k".repeat(300)));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).contains("255");
  }

  @Test
  void aStringVariableLongerThanTheDatabaseHoldsIsA400() throws Exception {
    String key = deployedProcess();

    Response response =
        admin()
            .post(
                "/engine-rest/process-definition/key/" + key + "/start",
                Map.of(
                    "variables",
                    Map.of("note", Map.of("value", "x".repeat(5000), "type", "String"))));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).contains("4,000").doesNotContain("xxxx");
  }

  @Test
  void anUnknownVariableTypeInAMessageIsA400() {
    Response response =
        admin()
            .post(
                "/engine-rest/message",
                Map.of(
                    "messageName",
                    "nobody-listens",
                    "processVariables",
                    Map.of("x", Map.of("value", "1", "type", "NoSuchType"))));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
  }

  @Test
  void anObjectVariableOfATypeOutsideTheAllowListIsNeverInstantiated() throws Exception {
    String key = deployedProcess();
    Response started =
        admin()
            .post(
                "/engine-rest/process-definition/key/" + key + "/start",
                Map.of(
                    "variables",
                    Map.of(
                        "file",
                        Map.of(
                            "value",
                            "\"/etc/passwd\"",
                            "type",
                            "Object",
                            "valueInfo",
                            Map.of(
                                "objectTypeName", "java.io.File",
                                "serializationDataFormat", "application/json")))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String instance = started.json().get("id").asText();

    Response read = admin().get("/engine-rest/process-instance/" + instance + "/variables/file");

    assertThat(read.status()).as(read.body()).isBetween(400, 499);
    assertThat(read.body()).contains("java.io.File");
    Response serialized =
        admin()
            .get(
                "/engine-rest/process-instance/"
                    + instance
                    + "/variables/file?deserializeValue=false");
    assertThat(serialized.status()).isEqualTo(200);
  }

  @Test
  void theWadlIsSwitchedOff() {
    assertThat(admin().get("/engine-rest/application.wadl").status()).isEqualTo(404);
  }

  private String deployedProcess() throws Exception {
    String key = "LongValues" + Long.toHexString(System.nanoTime());
    String bpmn =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask()
                .endEvent()
                .done());
    assertThat(deploy(key + ".bpmn", bpmn).statusCode()).isEqualTo(200);
    return key;
  }

  private HttpResponse<String> deploy(String fileName, String content)
      throws IOException, InterruptedException {
    String boundary = "----stroomlijn" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ntest\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + content
            + "\r\n--"
            + boundary
            + "--\r\n";
    String login =
        Base64.getEncoder()
            .encodeToString(
                (StroomlijnTest.ADMIN + ":" + StroomlijnTest.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                .header("Authorization", "Basic " + login)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
