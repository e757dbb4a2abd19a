package io.stroomlijn.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.embedded.Companies;
import java.util.Map;
import java.util.UUID;

/** Test data through the ERP API: a fresh company per test class, and records in it. */
public final class ErpFixture {

  private final ApiClient api;
  private final UUID company;

  private ErpFixture(ApiClient api, UUID company) {
    this.api = api;
    this.company = company;
  }

  /** A new, empty company and an admin client for it. */
  public static ErpFixture newCompany(Companies companies, int port) {
    UUID company =
        companies.create(
            "T" + UUID.randomUUID().toString().substring(0, 8), "Test company", "test");
    return new ErpFixture(
        ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD), company);
  }

  /** The company with this name (created when there is none yet) and an admin client for it. */
  public static ErpFixture namedCompany(
      Companies companies, ErpConnector erp, String name, int port) {
    UUID company =
        erp.companies().stream()
            .filter(existing -> name.equals(existing.getString("name")))
            .map(io.stroomlijn.erp.Record::id)
            .findFirst()
            .orElseGet(() -> companies.create(name, name, "test"));
    return new ErpFixture(
        ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD), company);
  }

  public ApiClient api() {
    return api;
  }

  public UUID company() {
    return company;
  }

  /** {@code /api/v2.0/companies({company})/{entitySet}}. */
  public String path(String entitySet) {
    return "/api/v2.0/companies(" + company + ")/" + entitySet;
  }

  /** {@code /api/v2.0/companies({company})/{entitySet}({id})}. */
  public String path(String entitySet, String id) {
    return path(entitySet) + "(" + id + ")";
  }

  /**
   * Grants a user an ERP permission ({@code READ}, {@code EDIT}) for this company as an
   * administrator does, through the engine REST API (resource type 1000); returns the answer.
   */
  public ApiClient.Response grant(String userId, String permission) {
    return api.post(
        "/engine-rest/authorization/create",
        Map.of(
            "type",
            1,
            "userId",
            userId,
            "resourceType",
            1000,
            "resourceId",
            company.toString(),
            "permissions",
            new String[] {permission}));
  }

  /** Creates a record and returns it; fails the test unless the API answers 201. */
  public JsonNode create(String entitySet, Map<String, ?> fields) {
    ApiClient.Response response = api.post(path(entitySet), fields);
    if (response.status() != 201) {
      throw new AssertionError("Creating " + entitySet + " failed: " + response);
    }
    return response.json();
  }

  /** Reads a record; fails the test unless the API answers 200. */
  public JsonNode read(String entitySet, String id) {
    ApiClient.Response response = api.get(path(entitySet, id));
    if (response.status() != 200) {
      throw new AssertionError("Reading " + entitySet + "(" + id + ") failed: " + response);
    }
    return response.json();
  }

  /** An item with a price, tax group VAT21 and unit PCS. */
  public JsonNode item(String name, String unitPrice) {
    return create(
        "items",
        Map.of(
            "displayName",
            name,
            "unitPrice",
            new java.math.BigDecimal(unitPrice),
            "unitCost",
            new java.math.BigDecimal(unitPrice).divide(java.math.BigDecimal.valueOf(2)),
            "taxGroupCode",
            "VAT21",
            "baseUnitOfMeasureCode",
            "PCS"));
  }

  /** A draft sales invoice for a customer; returns its id. */
  public String draftSalesInvoice(String customerId) {
    return create("salesInvoices", Map.of("customerId", customerId)).get("id").asText();
  }

  /** Adds an item line to a draft sales invoice; fails the test unless the API answers 201. */
  public JsonNode addSalesInvoiceLine(String invoiceId, String itemId, int quantity) {
    ApiClient.Response response =
        api.post(
            path("salesInvoices", invoiceId) + "/salesInvoiceLines",
            Map.of("itemId", itemId, "quantity", quantity));
    if (response.status() != 201) {
      throw new AssertionError("Adding a line failed: " + response);
    }
    return response.json();
  }
}
