package io.stroomlijn.erp.embedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code stroomlijn.erp.max-page-size} caps every page, whatever the client prefers: an application
 * of its own with a cap of 2 and the demo company's customers.
 */
class ErpApiPageSizeTest {

  static ConfigurableApplicationContext app;
  static ApiClient api;
  static String customers;

  @BeforeAll
  static void start() {
    app =
        StandaloneApp.start(
            "pageSizeTest",
            "spring.datasource.url=jdbc:h2:mem:page-size-test;DB_CLOSE_DELAY=-1",
            "stroomlijn.erp.demo-data=true",
            "stroomlijn.erp.max-page-size=2");
    api =
        ApiClient.as(StandaloneApp.port(app), StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
    String company = api.get("/api/v2.0/companies").json().get("value").get(0).get("id").asText();
    customers = "/api/v2.0/companies(" + company + ")/customers";
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void withoutAPreferenceAPageHoldsAtMostTheCapAndLinksToTheRest() {
    Response page = api.get(customers);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().get("value")).hasSize(2);
    assertThat(page.json().get("@odata.nextLink").asText()).contains("$skip=2");
  }

  @Test
  void aLargerPreferredPageSizeIsCappedAndEveryRecordStillArrivesOverTheLinks() {
    int total = api.get(customers + "?$count=true").json().get("@odata.count").asInt();
    assertThat(total).as("the demo company has more customers than the cap").isGreaterThan(2);

    String next = customers;
    int records = 0;
    int pages = 0;
    while (next != null) {
      Response page = api.get(next, "Prefer", "odata.maxpagesize=1000");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.json().get("value").size()).isLessThanOrEqualTo(2);
      records += page.json().get("value").size();
      pages++;
      JsonNode link = page.json().get("@odata.nextLink");
      next =
          link == null
              ? null
              : link.asText().substring(("http://localhost:" + StandaloneApp.port(app)).length());
    }
    assertThat(records).isEqualTo(total);
    assertThat(pages).isEqualTo((total + 1) / 2);
  }
}
