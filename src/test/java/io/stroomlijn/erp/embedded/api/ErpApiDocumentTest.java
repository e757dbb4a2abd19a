package io.stroomlijn.erp.embedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Document lines, totals and posting, as Business Central computes and refuses them. */
@StroomlijnTest
class ErpApiDocumentTest {

  @LocalServerPort int port;
  @Autowired Companies companies;

  ErpFixture erp;
  ApiClient api;
  JsonNode customer;
  JsonNode desk;
  JsonNode chair;

  @BeforeEach
  void companyWithCustomerAndItems() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
    customer = erp.create("customers", Map.of("displayName", "Adatum Corporation"));
    desk = erp.item("ATHENS Desk", "1000.80");
    chair = erp.item("PARIS Guest Chair", "192.80");
  }

  private String draftInvoice() {
    return erp.create("salesInvoices", Map.of("customerId", customer.get("id").asText()))
        .get("id")
        .asText();
  }

  private String lines(String invoiceId) {
    return erp.path("salesInvoices", invoiceId) + "/salesInvoiceLines";
  }

  @Test
  void linesTakeTheItemsDetailsAndComputeTheirAmounts() {
    String invoice = draftInvoice();

    Response created =
        api.post(
            lines(invoice),
            Map.of("itemId", desk.get("id").asText(), "quantity", 4, "discountPercent", 10));

    assertThat(created.status()).isEqualTo(201);
    JsonNode line = created.json();
    assertThat(line.get("documentId").asText()).isEqualTo(invoice);
    assertThat(line.get("sequence").asInt()).isEqualTo(10000);
    assertThat(line.get("lineType").asText()).isEqualTo("Item");
    assertThat(line.get("lineObjectNumber").asText()).isEqualTo(desk.get("number").asText());
    assertThat(line.get("description").asText()).isEqualTo("ATHENS Desk");
    assertThat(line.get("unitOfMeasureCode").asText()).isEqualTo("PCS");
    assertThat(line.get("unitPrice").decimalValue()).isEqualByComparingTo("1000.80");
    assertThat(line.get("discountAmount").decimalValue()).isEqualByComparingTo("400.32");
    assertThat(line.get("amountExcludingTax").decimalValue()).isEqualByComparingTo("3602.88");
    assertThat(line.get("taxCode").asText()).isEqualTo("VAT21");
    assertThat(line.get("taxPercent").decimalValue()).isEqualByComparingTo("21");
    assertThat(line.get("totalTaxAmount").decimalValue()).isEqualByComparingTo("756.60");
    assertThat(line.get("amountIncludingTax").decimalValue()).isEqualByComparingTo("4359.48");
  }

  @Test
  void keepsTheDocumentTotalsInStepWithItsLines() {
    String invoice = draftInvoice();
    JsonNode deskLine =
        api.post(lines(invoice), Map.of("itemId", desk.get("id").asText(), "quantity", 1)).json();
    api.post(
        lines(invoice),
        Map.of("lineObjectNumber", chair.get("number").asText(), "quantity", 5, "unitPrice", 200));

    JsonNode totals = erp.read("salesInvoices", invoice);
    assertThat(totals.get("totalAmountExcludingTax").decimalValue())
        .isEqualByComparingTo("2000.80");
    assertThat(totals.get("totalTaxAmount").decimalValue()).isEqualByComparingTo("420.17");
    assertThat(totals.get("totalAmountIncludingTax").decimalValue())
        .isEqualByComparingTo("2420.97");

    String deskLinePath = lines(invoice) + "(" + deskLine.get("id").asText() + ")";
    Response changed =
        api.patch(
            deskLinePath, Map.of("quantity", 3), "If-Match", deskLine.get("@odata.etag").asText());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(erp.read("salesInvoices", invoice).get("totalAmountExcludingTax").decimalValue())
        .isEqualByComparingTo("4002.40");

    assertThat(api.delete(deskLinePath, "If-Match", "*").status()).isEqualTo(204);
    JsonNode after = erp.read("salesInvoices", invoice);
    assertThat(after.get("totalAmountExcludingTax").decimalValue()).isEqualByComparingTo("1000");
    assertThat(api.get(lines(invoice)).json().get("value")).hasSize(1);
  }

  @Test
  void createsADocumentWithItsLinesInOneRequest() {
    Response created =
        api.post(
            erp.path("salesInvoices"),
            Map.of(
                "customerNumber",
                customer.get("number").asText(),
                "salesInvoiceLines",
                List.of(
                    Map.of("itemId", desk.get("id").asText(), "quantity", 1),
                    Map.of("lineType", "Comment", "description", "Deliver before Friday"))));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("totalAmountExcludingTax").decimalValue())
        .isEqualByComparingTo("1000.80");
    JsonNode stored = api.get(lines(created.json().get("id").asText())).json().get("value");
    assertThat(stored.findValuesAsText("lineType")).containsExactly("Item", "Comment");
    assertThat(stored.findValuesAsText("sequence")).containsExactly("10000", "20000");
  }

  @Test
  void refusesAnInvalidLineAndLeavesTheDocumentUntouched() {
    String invoice = draftInvoice();
    JsonNode before = erp.read("salesInvoices", invoice);

    Response unknownItem =
        api.post(lines(invoice), Map.of("lineObjectNumber", "NOPE", "quantity", 1));
    assertThat(unknownItem.status()).isEqualTo(400);
    assertThat(unknownItem.json().path("error").path("target").asText())
        .isEqualTo("lineObjectNumber");

    Response badTax =
        api.post(
            lines(invoice),
            Map.of("itemId", desk.get("id").asText(), "quantity", 1, "taxCode", "VAT99"));
    assertThat(badTax.status()).isEqualTo(400);
    assertThat(badTax.json().path("error").path("target").asText()).isEqualTo("taxCode");

    api.patch(
        erp.path("items", chair.get("id").asText()), Map.of("blocked", true), "If-Match", "*");
    Response blocked =
        api.post(lines(invoice), Map.of("itemId", chair.get("id").asText(), "quantity", 1));
    assertThat(blocked.status()).isEqualTo(400);
    assertThat(blocked.errorCode()).isEqualTo("BadRequest_ItemBlocked");

    assertThat(api.get(lines(invoice)).json().get("value")).isEmpty();
    assertThat(erp.read("salesInvoices", invoice).get("@odata.etag"))
        .isEqualTo(before.get("@odata.etag"));
  }

  @Test
  void postingAnInvoiceGivesItAPostedNumberAndKeepsItsId() {
    String invoice = draftInvoice();
    api.post(lines(invoice), Map.of("itemId", desk.get("id").asText(), "quantity", 2));

    Response posted = api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", null);

    assertThat(posted.status()).isEqualTo(204);
    JsonNode after = erp.read("salesInvoices", invoice);
    assertThat(after.get("id").asText()).isEqualTo(invoice);
    assertThat(after.get("status").asText()).isEqualTo("Open");
    assertThat(after.get("number").asText()).isEqualTo("PS-INV103001");
    assertThat(after.get("remainingAmount").decimalValue()).isEqualByComparingTo("2421.94");
    assertThat(erp.read("customers", customer.get("id").asText()).get("balanceDue").decimalValue())
        .isEqualByComparingTo("2421.94");
  }

  @Test
  void aPostedInvoiceCanNoLongerBeChangedPostedOrDeleted() {
    String invoice = draftInvoice();
    JsonNode line =
        api.post(lines(invoice), Map.of("itemId", desk.get("id").asText(), "quantity", 1)).json();
    api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", null);

    Response again = api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", null);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorCode()).isEqualTo("BadRequest_AlreadyPosted");

    Response patch =
        api.patch(
            erp.path("salesInvoices", invoice),
            Map.of("externalDocumentNumber", "X"),
            "If-Match",
            "*");
    assertThat(patch.status()).isEqualTo(400);
    assertThat(patch.errorCode()).isEqualTo("BadRequest_DocumentNotEditable");

    assertThat(
            api.post(lines(invoice), Map.of("itemId", chair.get("id").asText(), "quantity", 1))
                .status())
        .isEqualTo(400);
    assertThat(
            api.delete(lines(invoice) + "(" + line.get("id").asText() + ")", "If-Match", "*")
                .status())
        .isEqualTo(400);
    assertThat(api.delete(erp.path("salesInvoices", invoice), "If-Match", "*").status())
        .isEqualTo(400);
    assertThat(erp.read("salesInvoices", invoice).get("totalAmountExcludingTax").decimalValue())
        .isEqualByComparingTo("1000.80");
  }

  @Test
  void refusesToPostAnInvoiceWithoutLines() {
    String invoice = draftInvoice();

    Response posted = api.post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", null);

    assertThat(posted.status()).isEqualTo(400);
    assertThat(posted.errorCode()).isEqualTo("BadRequest_NothingToPost");
    assertThat(erp.read("salesInvoices", invoice).get("status").asText()).isEqualTo("Draft");
  }

  @Test
  void postsPurchaseInvoicesAtCostToTheVendorsBalance() {
    JsonNode vendor = erp.create("vendors", Map.of("displayName", "Fabrikam"));
    String invoice =
        erp.create("purchaseInvoices", Map.of("vendorId", vendor.get("id").asText()))
            .get("id")
            .asText();
    Response line =
        api.post(
            erp.path("purchaseInvoices", invoice) + "/purchaseInvoiceLines",
            Map.of("itemId", desk.get("id").asText(), "quantity", 10));
    assertThat(line.json().get("unitCost").decimalValue()).isEqualByComparingTo("500.40");

    assertThat(
            api.post(erp.path("purchaseInvoices", invoice) + "/Microsoft.NAV.post", null).status())
        .isEqualTo(204);

    assertThat(erp.read("purchaseInvoices", invoice).get("number").asText())
        .isEqualTo("PP-INV108001");
    assertThat(erp.read("vendors", vendor.get("id").asText()).get("balance").decimalValue())
        .isEqualByComparingTo(new BigDecimal("6054.84"));
  }

  @Test
  void offersOnlyTheActionsAnEntitySetHas() {
    String order =
        erp.create("salesOrders", Map.of("customerId", customer.get("id").asText()))
            .get("id")
            .asText();

    Response post = api.post(erp.path("salesOrders", order) + "/Microsoft.NAV.post", null);

    assertThat(post.status()).isEqualTo(404);
    assertThat(post.json().path("error").path("message").asText()).contains("Microsoft.NAV.post");
  }

  @Test
  void refusesDocumentsForAMissingOrBlockedCustomer() {
    Response none = api.post(erp.path("salesInvoices"), Map.of("externalDocumentNumber", "X"));
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().path("error").path("target").asText()).isEqualTo("customerId");

    Response unknown = api.post(erp.path("salesInvoices"), Map.of("customerNumber", "C99999"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("target").asText()).isEqualTo("customerNumber");

    api.patch(
        erp.path("customers", customer.get("id").asText()),
        Map.of("blocked", "All"),
        "If-Match",
        "*");
    Response blocked =
        api.post(erp.path("salesInvoices"), Map.of("customerId", customer.get("id").asText()));
    assertThat(blocked.status()).isEqualTo(400);
    assertThat(blocked.errorCode()).isEqualTo("BadRequest_PartyBlocked");

    assertThat(api.get(erp.path("salesInvoices")).json().get("value")).isEmpty();
  }

  @Test
  void billsAnotherCustomerWhenAskedTo() {
    JsonNode headOffice =
        erp.create("customers", Map.of("displayName", "Adatum Head Office", "city", "Amsterdam"));

    JsonNode invoice =
        erp.create(
            "salesInvoices",
            Map.of(
                "customerId",
                customer.get("id").asText(),
                "billToCustomerNumber",
                headOffice.get("number").asText()));

    assertThat(invoice.get("customerName").asText()).isEqualTo("Adatum Corporation");
    assertThat(invoice.get("billToCustomerId")).isEqualTo(headOffice.get("id"));
    assertThat(invoice.get("billToName").asText()).isEqualTo("Adatum Head Office");
    assertThat(invoice.get("billToCity").asText()).isEqualTo("Amsterdam");

    Response unknown =
        api.patch(
            erp.path("salesInvoices", invoice.get("id").asText()),
            Map.of("billToCustomerId", java.util.UUID.randomUUID().toString()),
            "If-Match",
            "*");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("target").asText()).isEqualTo("billToCustomerId");
  }

  @Test
  void addressesLinesOnlyThroughTheirOwnDocument() {
    String first = draftInvoice();
    String second = draftInvoice();
    JsonNode line =
        api.post(lines(first), Map.of("itemId", desk.get("id").asText(), "quantity", 1)).json();

    Response elsewhere = api.get(lines(second) + "(" + line.get("id").asText() + ")");
    assertThat(elsewhere.status()).isEqualTo(404);

    Response topLevel = api.get(erp.path("salesInvoiceLines", line.get("id").asText()));
    assertThat(topLevel.status()).isEqualTo(200);

    Response wrongSet = api.get(erp.path("salesInvoices", first) + "/purchaseInvoiceLines");
    assertThat(wrongSet.status()).isEqualTo(404);
  }
}
