package io.stroomlijn.erp.embedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Create, read, update and delete over real HTTP, for every entity set, with etag rules. */
@StroomlijnTest
class ErpApiCrudTest {

  @LocalServerPort int port;
  @Autowired Companies companies;

  ErpFixture erp;
  ApiClient api;

  @BeforeEach
  void newCompany() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
  }

  @ParameterizedTest
  @CsvSource({
    "customers, customer, C00010",
    "vendors, vendor, V00010",
    "contacts, contact, CT000010",
    "items, item, 1000"
  })
  void createsReadsChangesAndDeletesMasterData(String set, String entity, String firstNumber) {
    Response created = api.post(erp.path(set), Map.of("displayName", "Northwind Traders"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode record = created.json();
    String id = record.get("id").asText();
    assertThat(record.get("number").asText()).isEqualTo(firstNumber);
    assertThat(record.get("displayName").asText()).isEqualTo("Northwind Traders");
    assertThat(record.get("@odata.context").asText())
        .endsWith("/api/v2.0/$metadata#companies(" + erp.company() + ")/" + set + "/$entity");
    assertThat(record.get("@odata.etag").asText()).startsWith("W/\"");
    assertThat(created.header("Location")).endsWith(erp.path(set, id));
    assertThat(created.header("ETag")).isEqualTo(record.get("@odata.etag").asText());

    JsonNode read = erp.read(set, id);
    assertThat(read.get("displayName").asText()).isEqualTo("Northwind Traders");
    assertThat(read.get("@odata.etag")).isEqualTo(record.get("@odata.etag"));

    Response changed =
        api.patch(
            erp.path(set, id),
            Map.of("displayName", "Northwind B.V."),
            "If-Match",
            record.get("@odata.etag").asText());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("displayName").asText()).isEqualTo("Northwind B.V.");
    assertThat(changed.json().get("@odata.etag")).isNotEqualTo(record.get("@odata.etag"));
    assertThat(changed.json().get("lastModifiedDateTime").asText())
        .isGreaterThanOrEqualTo(record.get("lastModifiedDateTime").asText());

    Response stale =
        api.patch(
            erp.path(set, id),
            Map.of("displayName", "Lost update"),
            "If-Match",
            record.get("@odata.etag").asText());
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.errorCode()).isEqualTo("Request_EntityChanged");
    assertThat(erp.read(set, id).get("displayName").asText()).isEqualTo("Northwind B.V.");

    assertThat(api.delete(erp.path(set, id)).status()).isEqualTo(428);
    assertThat(
            api.delete(erp.path(set, id), "If-Match", record.get("@odata.etag").asText()).status())
        .isEqualTo(412);
    assertThat(
            api.delete(erp.path(set, id), "If-Match", changed.json().get("@odata.etag").asText())
                .status())
        .isEqualTo(204);
    Response gone = api.get(erp.path(set, id));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("error").path("message").asText()).contains(entity, id);
  }

  @Test
  void numbersNewRecordsFromTheirSeriesAndKeepsAGivenNumber() {
    assertThat(erp.create("customers", Map.of("displayName", "A")).get("number").asText())
        .isEqualTo("C00010");
    assertThat(erp.create("customers", Map.of("displayName", "B")).get("number").asText())
        .isEqualTo("C00020");
    assertThat(
            erp.create("customers", Map.of("displayName", "C", "number", "KLANT-1"))
                .get("number")
                .asText())
        .isEqualTo("KLANT-1");

    Response duplicate = api.post(erp.path("customers"), Map.of("number", "KLANT-1"));
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.errorCode()).isEqualTo("Internal_EntityWithSameKeyExists");
  }

  @Test
  void acceptsAnyVersionWithIfMatchStar() {
    String id = erp.create("vendors", Map.of("displayName", "Fabrikam")).get("id").asText();

    Response blocked =
        api.patch(erp.path("vendors", id), Map.of("blocked", "Payment"), "If-Match", "*");

    assertThat(blocked.status()).isEqualTo(200);
    assertThat(blocked.json().get("blocked").asText()).isEqualTo("Payment");
    assertThat(api.delete(erp.path("vendors", id), "If-Match", "*").status()).isEqualTo(204);
  }

  @Test
  void aPatchThatChangesNothingKeepsTheEtag() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));

    Response same =
        api.patch(
            erp.path("vendors", vendor.get("id").asText()),
            Map.of("displayName", "Fabrikam"),
            "If-Match",
            "*");

    assertThat(same.json().get("@odata.etag")).isEqualTo(vendor.get("@odata.etag"));
  }

  @Test
  void createsAndChangesDocumentsOfEveryKind() {
    JsonNode customer = erp.create("customers", Map.of("displayName", "Adatum", "city", "Utrecht"));
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam", "city", "Eindhoven"));

    JsonNode invoice =
        erp.create("salesInvoices", Map.of("customerId", customer.get("id").asText()));
    JsonNode order = erp.create("salesOrders", Map.of("customerNumber", "C00010"));
    JsonNode purchase =
        erp.create(
            "purchaseInvoices",
            Map.of("vendorNumber", "V00010", "vendorInvoiceNumber", "F-2026-001"));

    assertThat(invoice.get("number").asText()).isEqualTo("S-INV100001");
    assertThat(invoice.get("status").asText()).isEqualTo("Draft");
    assertThat(invoice.get("customerName").asText()).isEqualTo("Adatum");
    assertThat(invoice.get("sellToCity").asText()).isEqualTo("Utrecht");
    assertThat(invoice.get("billToCustomerNumber").asText()).isEqualTo("C00010");
    assertThat(order.get("number").asText()).isEqualTo("S-ORD101001");
    assertThat(order.get("customerId")).isEqualTo(customer.get("id"));
    assertThat(purchase.get("number").asText()).isEqualTo("P-INV100001");
    assertThat(purchase.get("vendorId")).isEqualTo(vendor.get("id"));
    assertThat(purchase.get("buyFromCity").asText()).isEqualTo("Eindhoven");
    assertThat(purchase.get("payToName").asText()).isEqualTo("Fabrikam");

    Response dated =
        api.patch(
            erp.path("salesInvoices", invoice.get("id").asText()),
            Map.of("dueDate", "2026-12-31", "externalDocumentNumber", "PO-1"),
            "If-Match",
            "*");
    assertThat(dated.status()).isEqualTo(200);
    assertThat(dated.json().get("dueDate").asText()).isEqualTo("2026-12-31");
  }

  @Test
  void listsAndReadsCompaniesButDoesNotLetThemBeWritten() {
    Response list = api.get("/api/v2.0/companies");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("value").findValuesAsText("id")).contains(erp.company().toString());

    Response one = api.get("/api/v2.0/companies(" + erp.company() + ")");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("displayName").asText()).isEqualTo("Test company");

    assertThat(api.post("/api/v2.0/companies", Map.of("name", "X")).status()).isEqualTo(405);
    assertThat(
            api.patch(
                    "/api/v2.0/companies(" + erp.company() + ")",
                    Map.of("name", "X"),
                    "If-Match",
                    "*")
                .status())
        .isEqualTo(405);
  }
}
