package io.stroomlijn.erp.embedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.domain.ClientEntity;
import org.apache.olingo.client.api.domain.ClientEntitySet;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.client.core.http.BasicAuthHttpClientFactory;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmAction;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmNavigationProperty;
import org.apache.olingo.commons.api.edm.EdmProperty;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What OData tools read before the data: the service document, {@code $metadata} (read by Apache
 * Olingo's client, which then reads the data with it), {@code $count} and the OData-Version header.
 */
@StroomlijnTest
class ErpApiMetadataTest {

  private static final String NAV = "Microsoft.NAV";

  @LocalServerPort int port;
  @Autowired Companies companies;

  ErpFixture erp;
  ApiClient api;

  @BeforeEach
  void newCompany() {
    erp = ErpFixture.newCompany(companies, port);
    api = erp.api();
  }

  private String serviceRoot() {
    return "http://localhost:" + port + "/api/v2.0";
  }

  private ODataClient olingo() {
    ODataClient client = ODataClientFactory.getClient();
    client
        .getConfiguration()
        .setHttpClientFactory(
            new BasicAuthHttpClientFactory(StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD));
    return client;
  }

  @Test
  void theServiceDocumentListsTheEntitySets() {
    Response root = api.get("/api/v2.0/");

    assertThat(root.status()).isEqualTo(200);
    assertThat(root.header("OData-Version")).isEqualTo("4.0");
    assertThat(root.header("Content-Type")).startsWith("application/json");
    assertThat(root.header("Content-Type")).contains("odata.metadata=minimal");
    assertThat(root.json().get("@odata.context").asText()).isEqualTo(serviceRoot() + "/$metadata");
    assertThat(root.json().get("value"))
        .extracting(set -> set.get("name").asText())
        .contains(
            "companies", "customers", "vendors", "items", "salesInvoices", "salesInvoiceLines");
    JsonNode customers = root.json().get("value").get(1);
    assertThat(customers.get("kind").asText()).isEqualTo("EntitySet");
    assertThat(customers.get("url").asText()).isEqualTo(customers.get("name").asText());
    assertThat(api.get("/api/v2.0").status()).isEqualTo(200);
  }

  @Test
  void metadataIsCsdlXmlInBusinessCentralsConventionsWhateverTheClientAccepts() {
    Response metadata = api.get("/api/v2.0/$metadata", "Accept", "application/json");

    assertThat(metadata.status()).isEqualTo(200);
    assertThat(metadata.header("Content-Type")).startsWith("application/xml");
    assertThat(metadata.header("OData-Version")).isEqualTo("4.0");
    assertThat(metadata.body())
        .contains("<edmx:Edmx Version=\"4.0\"")
        .contains("<Schema Namespace=\"Microsoft.NAV\"")
        .contains("<EntityType Name=\"customer\">")
        .contains("<EnumType Name=\"customerBlocked\">")
        .contains("<Member Name=\"_x0020_\" Value=\"0\"/>")
        .contains("<Member Name=\"Non_x002D_Inventory\" Value=\"2\"/>")
        .contains("<EntityContainer Name=\"NAV\">");
  }

  @Test
  void olingosClientReadsTheMetadata() {
    Edm edm =
        olingo().getRetrieveRequestFactory().getMetadataRequest(serviceRoot()).execute().getBody();

    assertThat(edm.getEntityContainer().getEntitySet("customers")).isNotNull();
    EdmEntityType customer = edm.getEntityType(new FullQualifiedName(NAV, "customer"));
    assertThat(customer.getKeyPredicateNames()).containsExactly("id");
    assertThat(property(customer, "id").getType().getFullQualifiedName().toString())
        .isEqualTo("Edm.Guid");
    assertThat(property(customer, "displayName").getMaxLength()).isEqualTo(100);
    assertThat(property(customer, "creditLimit").getType().getName()).isEqualTo("Decimal");
    assertThat(property(customer, "taxLiable").getType().getName()).isEqualTo("Boolean");
    assertThat(property(customer, "lastModifiedDateTime").getType().getName())
        .isEqualTo("DateTimeOffset");
    EdmEnumType blocked = (EdmEnumType) property(customer, "blocked").getType();
    assertThat(blocked.getFullQualifiedName().toString()).isEqualTo(NAV + ".customerBlocked");
    assertThat(blocked.getMemberNames()).containsExactly("_x0020_", "Ship", "Invoice", "All");

    EdmEntityType invoice = edm.getEntityType(new FullQualifiedName(NAV, "salesInvoice"));
    assertThat(property(invoice, "invoiceDate").getType().getName()).isEqualTo("Date");
    assertThat(property(invoice, "status").getType().getFullQualifiedName().toString())
        .isEqualTo(NAV + ".invoiceEntityAggregateStatus");
    EdmNavigationProperty lines = invoice.getNavigationProperty("salesInvoiceLines");
    assertThat(lines.isCollection()).isTrue();
    assertThat(lines.containsTarget()).isTrue();
    assertThat(lines.getType().getName()).isEqualTo("salesInvoiceLine");
    EdmEntityType company = edm.getEntityType(new FullQualifiedName(NAV, "company"));
    assertThat(company.getNavigationProperty("customers").getType().getName())
        .isEqualTo("customer");

    EdmAction post =
        edm.getBoundAction(
            new FullQualifiedName(NAV, "post"), new FullQualifiedName(NAV, "salesInvoice"), false);
    assertThat(post).isNotNull();
    for (String action : List.of("sendApprovalRequest", "cancelApprovalRequest")) {
      assertThat(
              edm.getBoundAction(
                  new FullQualifiedName(NAV, action),
                  new FullQualifiedName(NAV, "customer"),
                  false))
          .as(action)
          .isNotNull();
    }
  }

  @Test
  void olingosClientReadsACollectionWithTheMetadata() {
    erp.create(
        "customers", Map.of("displayName", "Adatum", "creditLimit", new BigDecimal("2500.5")));
    erp.create("customers", Map.of("displayName", "Fabrikam"));
    ODataClient plain = olingo();
    Edm edm =
        plain.getRetrieveRequestFactory().getMetadataRequest(serviceRoot()).execute().getBody();
    ODataClient client = ODataClientFactory.getEdmEnabledClient(serviceRoot(), edm, null);
    client.getConfiguration().setHttpClientFactory(plain.getConfiguration().getHttpClientFactory());

    URI customers =
        client
            .newURIBuilder(serviceRoot())
            .appendEntitySetSegment("companies")
            .appendKeySegment(erp.company())
            .appendNavigationSegment("customers")
            .filter("displayName eq 'Adatum'")
            .build();
    ClientEntitySet page =
        client.getRetrieveRequestFactory().getEntitySetRequest(customers).execute().getBody();

    assertThat(page.getEntities()).hasSize(1);
    ClientEntity adatum = page.getEntities().get(0);
    assertThat(adatum.getProperty("displayName").getPrimitiveValue().toString())
        .isEqualTo("Adatum");
    assertThat(adatum.getProperty("number").getPrimitiveValue().toString()).isEqualTo("C00010");
    assertThat(adatum.getProperty("creditLimit").getPrimitiveValue().toString())
        .isEqualTo("2500.5");
    assertThat(adatum.getETag()).startsWith("W/\"");
  }

  @Test
  void countIsAPlainNumberOfTheMatchingRecords() {
    erp.create("customers", Map.of("displayName", "Adatum", "city", "Utrecht"));
    erp.create("customers", Map.of("displayName", "Fabrikam", "city", "Utrecht"));
    erp.create("customers", Map.of("displayName", "Contoso", "city", "Delft"));

    Response all = api.get(erp.path("customers") + "/$count");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.header("Content-Type")).startsWith("text/plain");
    assertThat(all.header("OData-Version")).isEqualTo("4.0");
    assertThat(all.body()).isEqualTo("3");
    Response filtered =
        api.get(
            erp.path("customers")
                + "/$count"
                + ApiClient.query("$filter", "city eq 'Utrecht'", "$top", "1"));
    assertThat(filtered.body()).isEqualTo("2");

    String customer = erp.create("customers", Map.of("displayName", "Litware")).get("id").asText();
    JsonNode item = erp.item("Bicycle", "100");
    String invoice = erp.draftSalesInvoice(customer);
    erp.addSalesInvoiceLine(invoice, item.get("id").asText(), 1);
    erp.addSalesInvoiceLine(invoice, item.get("id").asText(), 2);
    assertThat(api.get(erp.path("salesInvoices", invoice) + "/salesInvoiceLines/$count").body())
        .isEqualTo("2");
    assertThat(Long.parseLong(api.get("/api/v2.0/companies/$count").body())).isPositive();

    Response ofARecord = api.get(erp.path("customers", customer) + "/$count");
    assertThat(ofARecord.status()).isEqualTo(404);
    assertThat(ofARecord.errorCode()).isEqualTo("BadRequest_NotFound");
  }

  @Test
  void everyAnswerCarriesODataVersionAndErrorsStayBusinessCentralJson() {
    assertThat(api.get(erp.path("customers")).header("OData-Version")).isEqualTo("4.0");
    assertThat(api.get(erp.path("customers")).header("Content-Type"))
        .isEqualTo("application/json;odata.metadata=minimal;odata.streaming=true");
    assertThat(ApiClient.anonymous(port).get("/api/v2.0/$metadata").header("OData-Version"))
        .isEqualTo("4.0");

    for (String badPath :
        List.of(
            "/api/v2.0/$metadata/customers", "/api/v2.0/$metadatas", "/api/v2.0/$metadata(1)")) {
      Response bad = api.get(badPath, "Accept", "application/xml");
      assertThat(bad.status()).as(badPath).isEqualTo(404);
      assertThat(bad.header("Content-Type")).as(badPath).startsWith("application/json");
      assertThat(bad.header("OData-Version")).as(badPath).isEqualTo("4.0");
      assertThat(bad.json().at("/error/code").asText()).as(badPath).isNotBlank();
      assertThat(bad.json().at("/error/message").asText()).as(badPath).isNotBlank();
    }
    Response post = api.post("/api/v2.0/$metadata", "{}");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.errorCode()).isEqualTo("BadRequest_MethodNotAllowed");
  }

  private static EdmProperty property(EdmEntityType type, String name) {
    EdmProperty property = type.getStructuralProperty(name);
    assertThat(property).as(type.getName() + "." + name).isNotNull();
    return property;
  }
}
