package io.stroomlijn.erp.embedded.demo;

import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.embedded.ConditionalOnEmbeddedErp;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import io.stroomlijn.erp.embedded.ErpProperties;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On first start with {@code stroomlijn.erp.demo-data=true}, creates a demo company in the style of
 * Business Central's CRONUS: customers, vendors, contacts, items and one draft sales invoice, so a
 * newcomer can try the API and flows at once. Nothing happens once any company exists.
 */
@ConditionalOnEmbeddedErp
@Component
@Order(5)
class DemoCompany implements ApplicationRunner {

  static final String NAME = "CRONUS NL";
  private static final Logger log = LoggerFactory.getLogger(DemoCompany.class);
  private static final String USER = "demo-data";

  private final Companies companies;
  private final EmbeddedErp erp;
  private final ErpProperties properties;

  DemoCompany(Companies companies, EmbeddedErp erp, ErpProperties properties) {
    this.companies = companies;
    this.erp = erp;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.demoData() || companies.count() > 0) {
      return;
    }
    UUID company = companies.create(NAME, "CRONUS Nederland B.V.", USER);
    for (Map<String, Object> customer : CUSTOMERS) {
      erp.create(company, EntitySets.CUSTOMERS, customer, USER);
    }
    for (Map<String, Object> vendor : VENDORS) {
      erp.create(company, EntitySets.VENDORS, vendor, USER);
    }
    for (Map<String, Object> contact : CONTACTS) {
      erp.create(company, EntitySets.CONTACTS, contact, USER);
    }
    for (Map<String, Object> item : ITEMS) {
      erp.create(company, EntitySets.ITEMS, item, USER);
    }
    Record invoice =
        erp.create(
            company,
            EntitySets.SALES_INVOICES,
            Map.of(
                "customerNumber",
                "C00010",
                "externalDocumentNumber",
                "PO-4711",
                EntitySets.SALES_INVOICE_LINES,
                List.of(
                    Map.of("lineObjectNumber", "1000", "quantity", 4),
                    Map.of("lineObjectNumber", "1001", "quantity", 8))),
            USER);
    log.info(
        "Created the demo company '{}' ({}) with draft sales invoice {}",
        NAME,
        company,
        invoice.get("number"));
  }

  private static final List<Map<String, Object>> CUSTOMERS =
      List.of(
          Map.of(
              "displayName",
              "Adatum Corporation",
              "addressLine1",
              "Stationsplein 12",
              "city",
              "Utrecht",
              "postalCode",
              "3511 ED",
              "country",
              "NL",
              "email",
              "robert.townes@contoso.com",
              "phoneNumber",
              "+31 30 123 4567",
              "creditLimit",
              new BigDecimal("25000"),
              "taxRegistrationNumber",
              "NL001234567B01"),
          Map.of(
              "displayName",
              "Trey Research",
              "addressLine1",
              "Coolsingel 40",
              "city",
              "Rotterdam",
              "postalCode",
              "3011 AD",
              "country",
              "NL",
              "email",
              "helen.ray@contoso.com",
              "creditLimit",
              new BigDecimal("10000")),
          Map.of(
              "displayName",
              "School of Fine Art",
              "addressLine1",
              "Vrijthof 5",
              "city",
              "Maastricht",
              "postalCode",
              "6211 LD",
              "country",
              "NL",
              "email",
              "meagan.bond@contoso.com",
              "type",
              "Company"),
          Map.of(
              "displayName",
              "Alpine Ski House",
              "addressLine1",
              "Kerkstraat 101",
              "city",
              "Amsterdam",
              "postalCode",
              "1017 GD",
              "country",
              "NL",
              "email",
              "ian.deberry@contoso.com"),
          Map.of(
              "displayName",
              "Relecloud",
              "addressLine1",
              "Markt 1",
              "city",
              "Delft",
              "postalCode",
              "2611 GP",
              "country",
              "NL",
              "email",
              "yvonne.mckay@contoso.com"));

  private static final List<Map<String, Object>> VENDORS =
      List.of(
          Map.of(
              "displayName",
              "Fabrikam, Inc.",
              "addressLine1",
              "Industrieweg 3",
              "city",
              "Eindhoven",
              "postalCode",
              "5651 GH",
              "country",
              "NL",
              "email",
              "purchasing@fabrikam.example"),
          Map.of(
              "displayName",
              "First Up Consultants",
              "addressLine1",
              "Herengracht 500",
              "city",
              "Amsterdam",
              "postalCode",
              "1017 CB",
              "country",
              "NL",
              "email",
              "office@firstup.example"),
          Map.of(
              "displayName",
              "Graphic Design Institute",
              "addressLine1",
              "Lange Voorhout 9",
              "city",
              "Den Haag",
              "postalCode",
              "2514 EA",
              "country",
              "NL",
              "email",
              "sales@gdi.example"),
          Map.of(
              "displayName",
              "Wide World Importers",
              "addressLine1",
              "Havenstraat 77",
              "city",
              "Rotterdam",
              "postalCode",
              "3024 SK",
              "country",
              "NL",
              "email",
              "orders@wwi.example"));

  private static final List<Map<String, Object>> CONTACTS =
      List.of(
          Map.of(
              "displayName",
              "Robert Townes",
              "type",
              "Person",
              "email",
              "robert.townes@contoso.com",
              "city",
              "Utrecht"),
          Map.of(
              "displayName",
              "Helen Ray",
              "type",
              "Person",
              "email",
              "helen.ray@contoso.com",
              "city",
              "Rotterdam"));

  private static final List<Map<String, Object>> ITEMS =
      List.of(
          item("ATHENS Desk", "1000.8", "780.7"),
          item("PARIS Guest Chair, black", "192.8", "150.4"),
          item("ANTWERP Conference Table", "1420.6", "1108.1"),
          item("BERLIN Guest Chair, yellow", "192.8", "150.4"),
          item("LONDON Swivel Chair, blue", "190.1", "148.3"));

  private static Map<String, Object> item(String name, String price, String cost) {
    return Map.of(
        "displayName",
        name,
        "type",
        "Inventory",
        "unitPrice",
        new BigDecimal(price),
        "unitCost",
        new BigDecimal(cost),
        "baseUnitOfMeasureCode",
        "PCS",
        "taxGroupCode",
        "VAT21");
  }
}
