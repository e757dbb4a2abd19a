package io.stroomlijn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** State lives in the database file: a restart keeps it and adds nothing of its own. */
class RestartTest {

  @TempDir Path data;

  private ConfigurableApplicationContext start() {
    return StandaloneApp.start(
        "restartTest",
        "spring.datasource.url=jdbc:h2:file:"
            + data.resolve("stroomlijn")
            + ";DB_CLOSE_ON_EXIT=FALSE",
        "stroomlijn.erp.demo-data=true");
  }

  @Test
  void keepsRecordsFlowsAndTheDemoCompanyAcrossARestart() {
    String companyId;
    String customerId;
    try (ConfigurableApplicationContext first = start()) {
      ApiClient api = admin(first);
      JsonNode companies = api.get("/api/v2.0/companies").json().get("value");
      assertThat(companies).hasSize(1);
      companyId = companies.get(0).get("id").asText();
      customerId =
          api.post(
                  "/api/v2.0/companies(" + companyId + ")/customers",
                  Map.of("displayName", "Survives Restarts"))
              .json()
              .get("id")
              .asText();
    }

    try (ConfigurableApplicationContext second = start()) {
      ApiClient api = admin(second);
      assertThat(api.get("/api/v2.0/companies").json().get("value"))
          .as("the demo company is created once")
          .hasSize(1);
      JsonNode customer =
          api.get("/api/v2.0/companies(" + companyId + ")/customers(" + customerId + ")").json();
      assertThat(customer.get("displayName").asText()).isEqualTo("Survives Restarts");
      JsonNode next =
          api.post(
                  "/api/v2.0/companies(" + companyId + ")/customers", Map.of("displayName", "Next"))
              .json();
      assertThat(next.get("number").asText()).as("number series continue").isEqualTo("C00070");

      RepositoryService repository = second.getBean(RepositoryService.class);
      assertThat(
              repository
                  .createProcessDefinitionQuery()
                  .processDefinitionKey("HelloStroomlijn")
                  .count())
          .as("an unchanged flow is not deployed again")
          .isEqualTo(1);
      assertThat(repository.createDeploymentQuery().count())
          .as("the flows of processes/ and the approval step, each deployed once")
          .isEqualTo(2);
      assertThat(
              repository
                  .createProcessDefinitionQuery()
                  .processDefinitionKey("StroomlijnApproval")
                  .count())
          .isEqualTo(1);
    }
  }

  private static ApiClient admin(ConfigurableApplicationContext app) {
    return ApiClient.as(
        StandaloneApp.port(app), StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
  }
}
