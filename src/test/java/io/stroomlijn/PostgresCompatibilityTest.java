package io.stroomlijn;

import static io.stroomlijn.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StandaloneApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same application on a real PostgreSQL server (embedded binaries, no installation): Flyway's
 * ERP schema, Camunda's schema, the API with filters, documents and posting.
 */
class PostgresCompatibilityTest {

  static EmbeddedPostgres postgres;
  static ConfigurableApplicationContext app;

  @BeforeAll
  static void startOnPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    app =
        StandaloneApp.start(
            "postgresTest",
            "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "spring.datasource.username=postgres",
            "spring.datasource.password=postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void servesTheErpApiOnPostgres() {
    ErpFixture erp = ErpFixture.newCompany(app.getBean(Companies.class), StandaloneApp.port(app));
    ApiClient api = erp.api();
    JsonNode customer = erp.create("customers", Map.of("displayName", "Adatum", "city", "Utrecht"));
    erp.create("customers", Map.of("displayName", "Trey Research", "city", "Rotterdam"));
    JsonNode item = erp.item("ATHENS Desk", "1000.80");

    JsonNode found =
        api.get(
                erp.path("customers")
                    + query(
                        "$filter",
                        "contains(displayName, 'ADA') and city eq 'Utrecht' and id eq "
                            + customer.get("id").asText(),
                        "$count",
                        "true"))
            .json();
    assertThat(found.get("@odata.count").asInt()).isEqualTo(1);

    String invoice =
        erp.create("salesInvoices", Map.of("customerId", customer.get("id").asText()))
            .get("id")
            .asText();
    assertThat(
            api.post(
                    erp.path("salesInvoices", invoice) + "/salesInvoiceLines",
                    Map.of("itemId", item.get("id").asText(), "quantity", 3))
                .status())
        .isEqualTo(201);
    assertThat(api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", null).status())
        .isEqualTo(204);

    JsonNode posted = erp.read("salesInvoices", invoice);
    assertThat(posted.get("status").asText()).isEqualTo("Open");
    assertThat(posted.get("totalAmountIncludingTax").decimalValue())
        .isEqualByComparingTo("3632.90");
    assertThat(
            api.get(erp.path("salesInvoices", invoice) + "?$expand=salesInvoiceLines")
                .json()
                .get("salesInvoiceLines"))
        .hasSize(1);
  }

  @Test
  void deploysTheFlowsOnPostgres() {
    RepositoryService repository = app.getBean(RepositoryService.class);

    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("HelloStroomlijn")
                .count())
        .isEqualTo(1);
  }
}
