package io.stroomlijn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.StroomlijnTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The flows and approvals APIs describe themselves in OpenAPI, behind the login. */
@StroomlijnTest
class ApiDocumentationTest {

  @LocalServerPort int port;

  @Test
  void describesTheFlowsAndApprovalsApisWithTheErrorFormatOnce() {
    JsonNode api =
        ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD)
            .get("/v3/api-docs")
            .json();

    assertThat(api.path("openapi").asText()).startsWith("3.");
    assertThat(api.path("paths").fieldNames())
        .toIterable()
        .contains("/api/flows/instant", "/api/approvals", "/api/flows/trigger-log")
        .noneMatch(path -> path.startsWith("/api/v2.0"));
    assertThat(api.at("/components/schemas/Error/properties/error/properties/code").isObject())
        .isTrue();
    assertThat(
            api.at(
                    "/paths/~1api~1approvals/get/responses/403/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/Error");
    assertThat(api.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
  }

  @Test
  void theDescriptionAndSwaggerUiNeedALogin() {
    assertThat(ApiClient.anonymous(port).get("/v3/api-docs").status()).isEqualTo(401);
    assertThat(ApiClient.anonymous(port).get("/swagger-ui/index.html").status()).isEqualTo(401);
    assertThat(
            ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD)
                .get("/swagger-ui/index.html")
                .status())
        .isEqualTo(200);
  }
}
