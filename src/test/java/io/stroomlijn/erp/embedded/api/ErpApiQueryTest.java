package io.stroomlijn.erp.embedded.api;

import static io.stroomlijn.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OData query options of the ERP API over real HTTP, against a known set of customers. */
@StroomlijnTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErpApiQueryTest {

  @LocalServerPort int port;
  @Autowired Companies companies;

  ErpFixture erp;
  ApiClient api;
  String adatumId;

  @BeforeAll
  void customers() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    adatumId = customer("Adatum Corporation", "Utrecht", "25000", " ", true).get("id").asText();
    customer("Trey Research", "Rotterdam", "10000", " ", false);
    customer("School of Fine Art", "Maastricht", "0", "All", false);
    customer("Alpine Ski House", "Amsterdam", "5000", "Invoice", true);
    customer("Relecloud", "Utrecht", "7500", " ", false);
  }

  private JsonNode customer(
      String name, String city, String limit, String blocked, boolean taxLiable) {
    return erp.create(
        "customers",
        Map.of(
            "displayName",
            name,
            "city",
            city,
            "creditLimit",
            new BigDecimal(limit),
            "blocked",
            blocked,
            "taxLiable",
            taxLiable));
  }

  private List<String> names(String... options) {
    Response response = api.get(erp.path("customers") + query(options));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return StreamSupport.stream(response.json().get("value").spliterator(), false)
        .map(record -> record.get("displayName").asText())
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "city eq 'Utrecht'                                  | Adatum Corporation,Relecloud",
        "city ne 'Utrecht'                                  | Trey Research,School of Fine Art,Alpine Ski House",
        "creditLimit gt 7500                                | Adatum Corporation,Trey Research",
        "creditLimit ge 7500                                | Adatum Corporation,Trey Research,Relecloud",
        "creditLimit lt 5000                                | School of Fine Art",
        "creditLimit le 5000                                | School of Fine Art,Alpine Ski House",
        "5000 lt creditLimit and creditLimit lt 20000       | Trey Research,Relecloud",
        "city eq 'Utrecht' or city eq 'Maastricht'          | Adatum Corporation,School of Fine Art,Relecloud",
        "not (city eq 'Utrecht')                            | Trey Research,School of Fine Art,Alpine Ski House",
        "(city eq 'Utrecht' or creditLimit eq 0) and taxLiable eq false | School of Fine Art,Relecloud",
        "contains(displayName, 'RES')                       | Trey Research",
        "startswith(displayName, 'al')                      | Alpine Ski House",
        "endswith(displayName, 'art')                       | School of Fine Art",
        "blocked eq 'All'                                   | School of Fine Art",
        "blocked ne ' '                                     | School of Fine Art,Alpine Ski House",
        "taxLiable                                          | Adatum Corporation,Alpine Ski House",
        "number eq 'C00030'                                 | School of Fine Art",
        "lastModifiedDateTime gt 2020-01-01T00:00:00Z and city eq 'Rotterdam' | Trey Research",
        "displayName eq 'x'' or 1 eq 1 or displayName eq ''x' | ''",
      })
  void filters(String filter, String expected) {
    List<String> expectedNames = expected.isEmpty() ? List.of() : List.of(expected.split(","));
    assertThat(names("$filter", filter, "$orderby", "number"))
        .containsExactlyElementsOf(expectedNames);
  }

  @Test
  void filtersOnGuidsAndDates() {
    assertThat(names("$filter", "id eq " + adatumId)).containsExactly("Adatum Corporation");
    assertThat(names("$filter", "id eq '" + adatumId + "'")).containsExactly("Adatum Corporation");

    JsonNode invoice =
        erp.create(
            "salesInvoices",
            Map.of("customerId", adatumId, "invoiceDate", "2026-03-01", "dueDate", "2026-03-31"));
    Response due =
        api.get(
            erp.path("salesInvoices")
                + query(
                    "$filter",
                    "dueDate ge 2026-03-31 and dueDate lt 2026-04-01 and customerId eq "
                        + adatumId
                        + " and status eq 'Draft'"));
    assertThat(due.json().get("value").findValuesAsText("id"))
        .containsExactly(invoice.get("id").asText());
    assertThat(
            api.get(erp.path("salesInvoices") + query("$filter", "dueDate gt 2026-03-31"))
                .json()
                .get("value"))
        .isEmpty();
  }

  @Test
  void selectsOnlyTheFieldsAskedFor() {
    Response response =
        api.get(erp.path("customers") + query("$select", "number,displayName", "$top", "1"));

    JsonNode first = response.json().get("value").get(0);
    List<String> fields = new ArrayList<>();
    first.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("@odata.etag", "number", "displayName");
  }

  @Test
  void ordersByOneOrMoreFields() {
    assertThat(names("$orderby", "creditLimit desc"))
        .containsExactly(
            "Adatum Corporation",
            "Trey Research",
            "Relecloud",
            "Alpine Ski House",
            "School of Fine Art");
    assertThat(names("$orderby", "city asc,displayName desc"))
        .containsExactly(
            "Alpine Ski House",
            "School of Fine Art",
            "Trey Research",
            "Relecloud",
            "Adatum Corporation");
  }

  @Test
  void pagesWithTopAndSkipAndCounts() {
    assertThat(names("$top", "2")).containsExactly("Adatum Corporation", "Trey Research");
    assertThat(names("$top", "2", "$skip", "2"))
        .containsExactly("School of Fine Art", "Alpine Ski House");

    Response counted =
        api.get(
            erp.path("customers")
                + query("$count", "true", "$top", "1", "$filter", "city eq 'Utrecht'"));
    assertThat(counted.json().get("@odata.count").asLong()).isEqualTo(2);
    assertThat(counted.json().get("value")).hasSize(1);
  }

  @Test
  void followsServerPagesWithNextLinks() {
    List<String> all = new ArrayList<>();
    String next = erp.path("customers") + query("$orderby", "displayName");
    int pages = 0;
    while (next != null) {
      Response page = api.get(next, "Prefer", "odata.maxpagesize=2");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Preference-Applied")).isEqualTo("odata.maxpagesize=2");
      assertThat(page.json().get("value").size()).isLessThanOrEqualTo(2);
      page.json().get("value").forEach(record -> all.add(record.get("displayName").asText()));
      JsonNode link = page.json().get("@odata.nextLink");
      next = link == null ? null : link.asText().substring(("http://localhost:" + port).length());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(all)
        .containsExactly(
            "Adatum Corporation",
            "Alpine Ski House",
            "Relecloud",
            "School of Fine Art",
            "Trey Research");
  }

  @Test
  void nextLinksRespectTop() {
    Response first =
        api.get(erp.path("customers") + query("$top", "3"), "Prefer", "odata.maxpagesize=2");
    String link = first.json().get("@odata.nextLink").asText();
    assertThat(link).contains("$top=1").contains("$skip=2");

    Response second = api.get(link.substring(("http://localhost:" + port).length()));
    assertThat(second.json().get("value")).hasSize(1);
    assertThat(second.json().has("@odata.nextLink")).isFalse();
  }

  @Test
  void expandsDocumentLines() {
    JsonNode item = erp.item("ATHENS Desk", "1000");
    JsonNode invoice = erp.create("salesInvoices", Map.of("customerId", adatumId));
    String invoiceId = invoice.get("id").asText();
    api.post(
        erp.path("salesInvoices", invoiceId) + "/salesInvoiceLines",
        Map.of("itemId", item.get("id").asText(), "quantity", 2));

    Response expanded =
        api.get(erp.path("salesInvoices", invoiceId) + query("$expand", "salesInvoiceLines"));
    assertThat(expanded.json().get("salesInvoiceLines")).hasSize(1);
    assertThat(expanded.json().get("salesInvoiceLines").get(0).get("description").asText())
        .isEqualTo("ATHENS Desk");

    Response inList =
        api.get(
            erp.path("salesInvoices")
                + query("$expand", "salesInvoiceLines", "$filter", "id eq " + invoiceId));
    assertThat(inList.json().get("value").get(0).get("salesInvoiceLines")).hasSize(1);

    Response wrong = api.get(erp.path("customers") + query("$expand", "salesInvoiceLines"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().path("error").path("target").asText()).isEqualTo("$expand");
  }

  @Test
  void explainsWhereAMalformedFilterFails() {
    Response unclosed = api.get(erp.path("customers") + query("$filter", "(city eq 'Utrecht'"));
    assertThat(unclosed.status()).isEqualTo(400);
    assertThat(unclosed.errorCode()).isEqualTo("BadRequest_InvalidFilter");
    assertThat(unclosed.json().path("error").path("message").asText())
        .contains("position 19")
        .contains("')'");

    Response unknownField = api.get(erp.path("customers") + query("$filter", "colour eq 'red'"));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().path("error").path("message").asText())
        .contains("position 1")
        .contains("colour");

    Response wrongType = api.get(erp.path("customers") + query("$filter", "creditLimit gt 'lots'"));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().path("error").path("message").asText())
        .contains("position 16")
        .contains("Edm.Decimal");

    Response badEnum = api.get(erp.path("customers") + query("$filter", "blocked eq 'Sometimes'"));
    assertThat(badEnum.status()).isEqualTo(400);
    assertThat(badEnum.json().path("error").path("message").asText()).contains("'Invoice'");
  }

  @Test
  void refusesUnknownFieldsInSelectAndOrderby() {
    Response select = api.get(erp.path("customers") + query("$select", "number,shoeSize"));
    assertThat(select.status()).isEqualTo(400);
    assertThat(select.json().path("error").path("message").asText()).contains("shoeSize");

    Response order = api.get(erp.path("customers") + query("$orderby", "number sideways"));
    assertThat(order.status()).isEqualTo(400);
    assertThat(order.json().path("error").path("target").asText()).isEqualTo("$orderby");
  }
}
