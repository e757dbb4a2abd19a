package io.stroomlijn.erp.embedded.api;

import static io.stroomlijn.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input gets a 4xx with Business Central's error body naming what is wrong, never a 500, and
 * writes nothing.
 */
@StroomlijnTest
class ErpApiErrorsTest {

  @LocalServerPort int port;
  @Autowired Companies companies;

  ErpFixture erp;
  ApiClient api;
  JsonNode vendor;

  @BeforeEach
  void companyWithOneVendor() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
  }

  @AfterEach
  void nothingWasWritten() {
    JsonNode vendors = api.get(erp.path("vendors")).json().get("value");
    assertThat(vendors).hasSize(1);
    assertThat(vendors.get(0).get("@odata.etag")).isEqualTo(vendor.get("@odata.etag"));
  }

  private String vendorPath() {
    return erp.path("vendors", vendor.get("id").asText());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"shoeSize\": 42}                    | shoeSize        | BadRequest_PropertyNotFound",
        "{\"balance\": 100}                    | balance         | BadRequest_PropertyReadOnly",
        "{\"id\": \""
            + "5d115c9c-44e3-ea11-bb43-000d3a2feca1\"} | id | BadRequest_PropertyReadOnly",
        "{\"displayName\": 42}                 | displayName     | BadRequest_InvalidValue",
        "{\"taxLiable\": \"yes\"}              | taxLiable       | BadRequest_InvalidValue",
        "{\"blocked\": \"Sometimes\"}          | blocked         | BadRequest_InvalidValue",
        "{\"postalCode\": \"123456789012345678901\"} | postalCode | BadRequest_InvalidValue",
        "{\"displayName\": \"nul\\u0000byte\"}    | displayName     | BadRequest_InvalidValue",
      })
  void refusesAFieldThatDoesNotFitAndNamesIt(String body, String field, String code) {
    Response patch = api.patch(vendorPath(), body, "If-Match", "*");
    assertThat(patch.status()).as(patch.toString()).isEqualTo(400);
    assertThat(patch.errorCode()).isEqualTo(code);
    assertThat(patch.json().path("error").path("target").asText()).isEqualTo(field);
    assertThat(patch.json().path("error").path("message").asText()).contains(field);

    Response post = api.post(erp.path("vendors"), body);
    assertThat(post.status()).isEqualTo(400);
    assertThat(post.errorCode()).isEqualTo(code);
  }

  @Test
  void refusesWrongTypesOnNumbersDatesAndGuids() {
    String customer = erp.create("customers", Map.of("displayName", "Adatum")).get("id").asText();
    String customerPath = erp.path("customers", customer);

    Response decimal = api.patch(customerPath, "{\"creditLimit\": \"a lot\"}", "If-Match", "*");
    assertThat(decimal.json().path("error").path("message").asText()).contains("Edm.Decimal");

    String invoice = erp.create("salesInvoices", Map.of("customerId", customer)).get("id").asText();
    Response date =
        api.patch(
            erp.path("salesInvoices", invoice), "{\"dueDate\": \"31-12-2026\"}", "If-Match", "*");
    assertThat(date.status()).isEqualTo(400);
    assertThat(date.json().path("error").path("message").asText())
        .contains("dueDate", "2026-01-31");

    Response guid = api.post(erp.path("salesInvoices"), "{\"customerId\": \"not-a-guid\"}");
    assertThat(guid.status()).isEqualTo(400);
    assertThat(guid.json().path("error").path("target").asText()).isEqualTo("customerId");
    assertThat(api.get(erp.path("salesInvoices")).json().get("value")).hasSize(1);
  }

  @Test
  void refusesNumbersAndDatesNoLedgerCouldHold() {
    String item = erp.create("items", Map.of("displayName", "Desk")).get("id").asText();
    Response huge = api.patch(erp.path("items", item), "{\"unitPrice\": 1e30}", "If-Match", "*");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().path("error").path("target").asText()).isEqualTo("unitPrice");

    String customer = erp.create("customers", Map.of("displayName", "Adatum")).get("id").asText();
    String invoice = erp.create("salesInvoices", Map.of("customerId", customer)).get("id").asText();
    Response yearZero =
        api.patch(
            erp.path("salesInvoices", invoice), "{\"dueDate\": \"0000-12-31\"}", "If-Match", "*");
    assertThat(yearZero.status()).isEqualTo(400);

    Response tooMuch =
        api.post(
            erp.path("salesInvoices", invoice) + "/salesInvoiceLines",
            "{\"itemId\": \"" + item + "\", \"quantity\": 1e19, \"unitPrice\": 1e19}");
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(
            api.get(erp.path("salesInvoices", invoice) + "/salesInvoiceLines").json().get("value"))
        .isEmpty();
  }

  @Test
  void refusesBodiesThatAreNotOneJsonObject() {
    Response malformed = api.patch(vendorPath(), "{\"displayName\": ", "If-Match", "*");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorCode()).isEqualTo("BadRequest_InvalidBody");
    assertThat(malformed.json().path("error").path("message").asText()).contains("line 1");

    assertThat(api.patch(vendorPath(), "[1, 2]", "If-Match", "*").status()).isEqualTo(400);
    assertThat(api.patch(vendorPath(), "{\"a\":1} {\"b\":2}", "If-Match", "*").status())
        .isEqualTo(400);
    assertThat(
            api.patch(
                    vendorPath(), "{\"displayName\":\"A\",\"displayName\":\"B\"}", "If-Match", "*")
                .status())
        .isEqualTo(400);
    assertThat(api.post(erp.path("vendors"), "").status()).isEqualTo(400);
  }

  @Test
  void refusesOversizedBodiesWith413() {
    String huge = "{\"displayName\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    Response response = api.patch(vendorPath(), huge, "If-Match", "*");

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.errorCode()).isEqualTo("Request_EntityTooLarge");
  }

  @Test
  void answers404ForWhatDoesNotExist() {
    Response set = api.get(erp.path("spaceships"));
    assertThat(set.status()).isEqualTo(404);
    assertThat(set.json().path("error").path("message").asText()).contains("spaceships");

    Response company = api.get("/api/v2.0/companies(" + UUID.randomUUID() + ")/vendors");
    assertThat(company.status()).isEqualTo(404);

    Response record = api.get(erp.path("vendors", UUID.randomUUID().toString()));
    assertThat(record.status()).isEqualTo(404);

    assertThat(api.get("/api/v2.0/nothing").status()).isEqualTo(404);
    assertThat(
            api.patch(erp.path("vendors", UUID.randomUUID().toString()), "{}", "If-Match", "*")
                .status())
        .isEqualTo(404);
  }

  @Test
  void refusesAKeyThatIsNotAGuid() {
    Response response = api.get(erp.path("vendors", "V00010"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("message").asText()).contains("V00010", "GUID");
  }

  @Test
  void refusesUnknownAndMalformedQueryOptions() {
    Response unknown = api.get(erp.path("vendors") + query("$search", "x"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("target").asText()).isEqualTo("$search");

    assertThat(api.get(erp.path("vendors") + query("$top", "-1")).status()).isEqualTo(400);
    assertThat(api.get(erp.path("vendors") + query("$skip", "many")).status()).isEqualTo(400);
    assertThat(api.get(erp.path("vendors") + query("$count", "maybe")).status()).isEqualTo(400);
  }

  @Test
  void refusesMethodsThatDoNotApply() {
    Response put = api.send("PUT", vendorPath(), "{}");
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.json().path("error").path("message").asText()).contains("PATCH");
    assertThat(api.post(vendorPath(), "{}").status()).isEqualTo(405);
    assertThat(api.patch(erp.path("vendors"), "{}", "If-Match", "*").status()).isEqualTo(405);
  }

  @Test
  void aStarInAListOfEtagsMatchesNothingOnlyALoneStarMatchesAnyVersion() {
    Response deleted = api.delete(vendorPath(), "If-Match", "*, W/\"stale\"");
    Response changed =
        api.patch(vendorPath(), Map.of("city", "Utrecht"), "If-Match", "W/\"stale\", *");

    for (Response refused : new Response[] {deleted, changed}) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.json().path("error").path("target").asText()).isEqualTo("If-Match");
    }
  }

  @Test
  void writesSentAsAnythingButJsonAre415() {
    Response created =
        api.post(
            erp.path("vendors"),
            "<vendor><displayName>Contoso</displayName></vendor>",
            "Content-Type",
            "application/xml");
    Response changed =
        api.patch(
            vendorPath(),
            "city=Utrecht",
            "If-Match",
            "*",
            "Content-Type",
            "application/x-www-form-urlencoded");

    for (Response refused : new Response[] {created, changed}) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
      assertThat(refused.errorCode()).isEqualTo("BadRequest_UnsupportedMediaType");
    }
    Response typedJson =
        api.patch(
            vendorPath(),
            "{}",
            "If-Match",
            "*",
            "Content-Type",
            "application/json; charset=utf-8; odata.metadata=minimal");
    assertThat(typedJson.status()).as(typedJson.toString()).isEqualTo(200);
  }

  @Test
  void errorsAreJsonEvenWhenTheClientAcceptsOnlyXml() {
    Response missing =
        api.get(erp.path("vendors", UUID.randomUUID().toString()), "Accept", "application/xml");
    Response bad = api.post(erp.path("vendors"), "{\"shoeSize\": 42}", "Accept", "application/xml");

    assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    for (Response error : new Response[] {missing, bad}) {
      assertThat(error.header("Content-Type")).startsWith("application/json");
      assertThat(error.errorCode()).isNotEmpty();
    }
  }

  @Test
  void aVendorWithAnUnpostedDocumentCannotBeDeleted() {
    String invoice =
        erp.create("purchaseInvoices", Map.of("vendorId", vendor.get("id").asText()))
            .get("id")
            .asText();

    Response deleted = api.delete(vendorPath(), "If-Match", "*");

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(400);
    assertThat(deleted.errorCode()).isEqualTo("BadRequest_OpenDocuments");
    assertThat(deleted.json().path("error").path("message").asText()).contains("purchaseInvoices");
    api.delete(erp.path("purchaseInvoices", invoice), "If-Match", "*");
  }

  @Test
  void aCustomerWithADraftSalesInvoiceCannotBeDeletedUntilTheInvoiceIsGone() {
    String customer = erp.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    String invoice = erp.draftSalesInvoice(customer);

    Response refused = api.delete(erp.path("customers", customer), "If-Match", "*");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("BadRequest_OpenDocuments");
    assertThat(api.get(erp.path("customers", customer)).status()).isEqualTo(200);

    assertThat(api.delete(erp.path("salesInvoices", invoice), "If-Match", "*").status())
        .isEqualTo(204);
    assertThat(api.delete(erp.path("customers", customer), "If-Match", "*").status())
        .isEqualTo(204);
  }
}
