package io.stroomlijn.erp.embedded.schema;

import static io.stroomlijn.erp.embedded.schema.EntityKind.APPROVAL_ENTRY;
import static io.stroomlijn.erp.embedded.schema.EntityKind.COMPANY;
import static io.stroomlijn.erp.embedded.schema.EntityKind.DOCUMENT;
import static io.stroomlijn.erp.embedded.schema.EntityKind.DOCUMENT_LINE;
import static io.stroomlijn.erp.embedded.schema.EntityKind.MASTER;
import static io.stroomlijn.erp.embedded.schema.FieldType.BOOLEAN;
import static io.stroomlijn.erp.embedded.schema.FieldType.DATE;
import static io.stroomlijn.erp.embedded.schema.FieldType.DATE_TIME;
import static io.stroomlijn.erp.embedded.schema.FieldType.DECIMAL;
import static io.stroomlijn.erp.embedded.schema.FieldType.GUID;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The entity sets of the embedded ERP, with the field names, order, lengths and enum values of
 * Business Central's {@code APIV2 - *} API pages. Lookup ids the embedded ERP has no table for
 * (currencies, payment terms, tax areas, ...) are read-only blank GUIDs; their codes are text. A
 * document's {@code discountAmount} is the sum of its line discounts (no invoice discounts yet).
 * Each definition has a table of the same columns in {@code db/migration}.
 */
@Component
public class EntitySets {

  public static final String COMPANIES = "companies";
  public static final String CUSTOMERS = "customers";
  public static final String VENDORS = "vendors";
  public static final String CONTACTS = "contacts";
  public static final String ITEMS = "items";
  public static final String PURCHASE_ORDERS = "purchaseOrders";
  public static final String PURCHASE_ORDER_LINES = "purchaseOrderLines";
  public static final String APPROVAL_ENTRIES = "approvalEntries";

  /** Bound actions of every entity set that can go through an approval. */
  public static final String SEND_APPROVAL_REQUEST = "sendApprovalRequest";

  public static final String CANCEL_APPROVAL_REQUEST = "cancelApprovalRequest";

  /**
   * A document's approval status (Business Central's Status field): Open, then pending, then
   * released.
   */
  public static final String APPROVAL_STATUS = "approvalStatus";

  public static final String APPROVAL_OPEN = "Open";
  public static final String APPROVAL_PENDING = "Pending Approval";
  public static final String APPROVAL_RELEASED = "Released";
  public static final String SALES_INVOICES = "salesInvoices";
  public static final String SALES_INVOICE_LINES = "salesInvoiceLines";
  public static final String SALES_ORDERS = "salesOrders";
  public static final String SALES_ORDER_LINES = "salesOrderLines";
  public static final String PURCHASE_INVOICES = "purchaseInvoices";
  public static final String PURCHASE_INVOICE_LINES = "purchaseInvoiceLines";

  // Enum types under Business Central's names in $metadata (Microsoft.NAV.<name>), with the
  // values the embedded ERP uses. documentApprovalStatus is Stroomlijn's: Business Central keeps a
  // document's approval state in its Status field, which its API does not show.
  private static final EnumType CONTACT_TYPE = EnumType.of("contactType", "Company", "Person");
  private static final EnumType CUSTOMER_BLOCKED =
      EnumType.of("customerBlocked", " ", "Ship", "Invoice", "All");
  private static final EnumType VENDOR_BLOCKED =
      EnumType.of("vendorBlocked", " ", "Payment", "All");
  private static final EnumType ITEM_TYPE =
      EnumType.of("itemType", "Inventory", "Service", "Non-Inventory");
  private static final EnumType INVOICE_STATUS =
      EnumType.of(
          "invoiceEntityAggregateStatus",
          "Draft",
          "In Review",
          "Open",
          "Paid",
          "Canceled",
          "Corrective");
  private static final EnumType SALES_ORDER_STATUS =
      EnumType.of("salesOrderEntityBufferStatus", "Draft", "In Review", "Open", "Released");
  private static final EnumType PURCHASE_ORDER_STATUS =
      EnumType.of("purchaseOrderEntityBufferStatus", "Draft", "In Review", "Open", "Released");
  private static final EnumType LINE_TYPE =
      EnumType.of(
          "invoiceLineAggLineType",
          "Item",
          "Comment",
          "Account",
          "Resource",
          "Fixed Asset",
          "Charge");
  private static final EnumType DOCUMENT_APPROVAL_STATUS =
      EnumType.of("documentApprovalStatus", APPROVAL_OPEN, APPROVAL_PENDING, APPROVAL_RELEASED);
  private static final EnumType APPROVAL_DOCUMENT_TYPE =
      EnumType.of(
          "approvalDocumentType", " ", "Quote", "Order", "Invoice", "Credit Memo", "Blanket Order");
  private static final EnumType WORKFLOW_APPROVAL_TYPE =
      EnumType.of(
          "workflowApprovalType", "Approver", "Workflow User Group", "Sales Pers./Purchaser");
  private static final EnumType APPROVAL_ENTRY_STATUS =
      EnumType.of("approvalStatus", "Created", "Open", "Approved", "Rejected", "Canceled");

  private static final String[] ADDRESS = {
    "addressLine1", "addressLine2", "city", "state", "country", "postalCode"
  };
  private static final int[] ADDRESS_LENGTHS = {100, 50, 30, 30, 10, 20};

  private final Map<String, EntitySetDefinition> byName = new LinkedHashMap<>();

  public EntitySets() {
    List.of(
            companies(),
            customers(),
            vendors(),
            contacts(),
            items(),
            salesInvoices(),
            salesInvoiceLines(),
            salesOrders(),
            salesOrderLines(),
            purchaseInvoices(),
            purchaseInvoiceLines(),
            purchaseOrders(),
            purchaseOrderLines(),
            approvalEntries())
        .forEach(definition -> byName.put(definition.name(), definition));
  }

  public Optional<EntitySetDefinition> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<EntitySetDefinition> all() {
    return List.copyOf(byName.values());
  }

  private static EntitySetDefinition companies() {
    return EntitySetDefinition.builder(COMPANIES, "company", "erp_company", COMPANY)
        .id()
        .readOnlyText("systemVersion", 250)
        .readOnlyText("name", 30)
        .readOnlyText("displayName", 250)
        .readOnlyText("businessProfileId", 250)
        .readOnly(DATE_TIME, "systemCreatedAt")
        .readOnlyText("systemCreatedBy", 50)
        .readOnly(DATE_TIME, "systemModifiedAt")
        .readOnlyText("systemModifiedBy", 50)
        .build();
  }

  private static EntitySetDefinition customers() {
    var builder =
        EntitySetDefinition.builder(CUSTOMERS, "customer", "erp_customer", MASTER)
            .action(SEND_APPROVAL_REQUEST)
            .action(CANCEL_APPROVAL_REQUEST)
            .numberedBy(new NumberSeries("CUST", "C", 10, 10, 5))
            .id()
            .text("number", 20)
            .text("displayName", 100)
            .enumeration("type", CONTACT_TYPE);
    address(builder, "")
        .texts(30, "phoneNumber")
        .texts(80, "email", "website")
        .text("salespersonCode", 20)
        .readOnly(DECIMAL, "balanceDue")
        .decimal("creditLimit")
        .bool("taxLiable")
        .readOnly(GUID, "taxAreaId")
        .readOnlyText("taxAreaDisplayName", 100)
        .text("taxRegistrationNumber", 20)
        .readOnly(GUID, "currencyId")
        .text("currencyCode", 10)
        .readOnly(GUID, "paymentTermsId", "shipmentMethodId", "paymentMethodId")
        .enumeration("blocked", CUSTOMER_BLOCKED)
        .lastModified();
    return builder.build();
  }

  private static EntitySetDefinition vendors() {
    var builder =
        EntitySetDefinition.builder(VENDORS, "vendor", "erp_vendor", MASTER)
            .action(SEND_APPROVAL_REQUEST)
            .action(CANCEL_APPROVAL_REQUEST)
            .numberedBy(new NumberSeries("VEND", "V", 10, 10, 5))
            .id()
            .text("number", 20)
            .text("displayName", 100);
    address(builder, "")
        .texts(30, "phoneNumber")
        .texts(80, "email", "website")
        .text("taxRegistrationNumber", 20)
        .readOnly(GUID, "currencyId")
        .text("currencyCode", 10)
        .text("irs1099Code", 10)
        .readOnly(GUID, "paymentTermsId", "paymentMethodId")
        .bool("taxLiable")
        .enumeration("blocked", VENDOR_BLOCKED)
        .readOnly(DECIMAL, "balance")
        .lastModified();
    return builder.build();
  }

  private static EntitySetDefinition contacts() {
    var builder =
        EntitySetDefinition.builder(CONTACTS, "contact", "erp_contact", MASTER)
            .numberedBy(new NumberSeries("CONT", "CT", 10, 10, 6))
            .id()
            .text("number", 20)
            .enumeration("type", CONTACT_TYPE)
            .text("displayName", 100)
            .text("companyNumber", 20)
            .readOnlyText("companyName", 100)
            .readOnlyText("businessRelation", 50);
    address(builder, "")
        .texts(30, "phoneNumber", "mobilePhoneNumber")
        .texts(80, "email", "website")
        .text("searchName", 100)
        .bool("privacyBlocked")
        .text("taxRegistrationNumber", 20)
        .readOnly(DATE, "lastInteractionDate")
        .lastModified();
    return builder.build();
  }

  private static EntitySetDefinition items() {
    return EntitySetDefinition.builder(ITEMS, "item", "erp_item", MASTER)
        .action(SEND_APPROVAL_REQUEST)
        .action(CANCEL_APPROVAL_REQUEST)
        .numberedBy(new NumberSeries("ITEM", "", 1000, 1, 4))
        .id()
        .text("number", 20)
        .text("displayName", 100)
        .text("displayName2", 50)
        .enumeration("type", ITEM_TYPE)
        .readOnly(GUID, "itemCategoryId")
        .text("itemCategoryCode", 20)
        .bool("blocked")
        .text("gtin", 14)
        .readOnly(DECIMAL, "inventory")
        .decimal("unitPrice")
        .bool("priceIncludesTax")
        .decimal("unitCost")
        .readOnly(GUID, "taxGroupId")
        .text("taxGroupCode", 20)
        .readOnly(GUID, "baseUnitOfMeasureId")
        .text("baseUnitOfMeasureCode", 10)
        .readOnly(GUID, "generalProductPostingGroupId")
        .text("generalProductPostingGroupCode", 20)
        .readOnly(GUID, "inventoryPostingGroupId")
        .text("inventoryPostingGroupCode", 20)
        .lastModified()
        .build();
  }

  private static EntitySetDefinition salesInvoices() {
    var builder =
        EntitySetDefinition.builder(SALES_INVOICES, "salesInvoice", "erp_sales_invoice", DOCUMENT)
            .numberedBy(new NumberSeries("S-INV", "S-INV", 100001, 1, 6))
            .document(
                salesDocument(
                    SALES_INVOICE_LINES, new NumberSeries("PS-INV", "PS-INV", 103001, 1, 6)))
            .action("post")
            .id()
            .readOnlyText("number", 20)
            .text("externalDocumentNumber", 35)
            .date("invoiceDate")
            .date("postingDate")
            .date("dueDate")
            .date("promisedPayDate")
            .text("customerPurchaseOrderReference", 35);
    salesParties(builder)
        .readOnly(GUID, "orderId")
        .readOnlyText("orderNumber", 20)
        .readOnly(GUID, "paymentTermsId", "shipmentMethodId")
        .text("salesperson", 20)
        .readOnly(BOOLEAN, "pricesIncludeTax")
        .readOnly(DECIMAL, "remainingAmount")
        .readOnly(DECIMAL, "discountAmount")
        .readOnly(BOOLEAN, "discountAppliedBeforeTax")
        .readOnly(DECIMAL, "totalAmountExcludingTax", "totalTaxAmount", "totalAmountIncludingTax")
        .readOnlyEnumeration("status", INVOICE_STATUS)
        .lastModified()
        .texts(30, "phoneNumber")
        .texts(80, "email");
    return approvable(builder).build();
  }

  /**
   * A document that can go through an approval: its approval status and the bound actions that send
   * and cancel the request.
   */
  private static EntitySetDefinition.Builder approvable(EntitySetDefinition.Builder builder) {
    return builder
        .readOnlyEnumeration(APPROVAL_STATUS, DOCUMENT_APPROVAL_STATUS)
        .action(SEND_APPROVAL_REQUEST)
        .action(CANCEL_APPROVAL_REQUEST);
  }

  /**
   * Business Central's approval entries ({@code APIV2 - Approval Entries}): one per approver and
   * request, kept in step by the approval step of flows; read-only through the API.
   */
  private static EntitySetDefinition approvalEntries() {
    return EntitySetDefinition.builder(
            APPROVAL_ENTRIES, "approvalEntry", "erp_approval_entry", APPROVAL_ENTRY)
        .id()
        .text("entitySet", 30)
        .guid("recordId")
        .enumeration("documentType", APPROVAL_DOCUMENT_TYPE)
        .text("documentNumber", 20)
        .integer("sequenceNumber")
        .text("approvalCode", 64)
        .text("senderUserName", 64)
        .text("approverUserName", 64)
        .enumeration("approvalType", WORKFLOW_APPROVAL_TYPE)
        .enumeration("status", APPROVAL_ENTRY_STATUS)
        .date("dueDate")
        .decimal("amount")
        .text("currencyCode", 10)
        .text("comment", 250)
        .dateTime("dateTimeSentForApproval")
        .lastModified()
        .build();
  }

  private static EntitySetDefinition salesOrders() {
    var builder =
        EntitySetDefinition.builder(SALES_ORDERS, "salesOrder", "erp_sales_order", DOCUMENT)
            .numberedBy(new NumberSeries("S-ORD", "S-ORD", 101001, 1, 6))
            .document(salesDocument(SALES_ORDER_LINES, null))
            .id()
            .readOnlyText("number", 20)
            .text("externalDocumentNumber", 35)
            .date("orderDate")
            .date("postingDate");
    salesParties(builder)
        .readOnly(BOOLEAN, "pricesIncludeTax")
        .readOnly(GUID, "paymentTermsId", "shipmentMethodId")
        .text("salesperson", 20)
        .bool("partialShipping")
        .date("requestedDeliveryDate")
        .readOnly(DECIMAL, "discountAmount")
        .readOnly(BOOLEAN, "discountAppliedBeforeTax")
        .readOnly(DECIMAL, "totalAmountExcludingTax", "totalTaxAmount", "totalAmountIncludingTax")
        .readOnly(BOOLEAN, "fullyShipped")
        .readOnlyEnumeration("status", SALES_ORDER_STATUS)
        .lastModified()
        .texts(30, "phoneNumber")
        .texts(80, "email");
    return approvable(builder).build();
  }

  private static EntitySetDefinition purchaseInvoices() {
    var builder =
        EntitySetDefinition.builder(
                PURCHASE_INVOICES, "purchaseInvoice", "erp_purchase_invoice", DOCUMENT)
            .numberedBy(new NumberSeries("P-INV", "P-INV", 100001, 1, 6))
            .document(
                purchaseDocument(
                    PURCHASE_INVOICE_LINES, new NumberSeries("PP-INV", "PP-INV", 108001, 1, 6)))
            .action("post")
            .id()
            .readOnlyText("number", 20)
            .date("invoiceDate")
            .date("postingDate")
            .date("dueDate")
            .text("vendorInvoiceNumber", 35)
            .guid("vendorId")
            .text("vendorNumber", 20)
            .readOnlyText("vendorName", 100)
            .readOnlyText("payToName", 100)
            .readOnlyText("payToContact", 100)
            .guid("payToVendorId")
            .text("payToVendorNumber", 20)
            .texts(100, "shipToName", "shipToContact");
    address(builder, "buyFrom");
    address(builder, "shipTo");
    readOnlyAddress(builder, "payTo")
        .readOnly(GUID, "currencyId")
        .texts(20, "shortcutDimension1Code", "shortcutDimension2Code")
        .text("currencyCode", 10)
        .readOnly(GUID, "orderId")
        .readOnlyText("orderNumber", 20)
        .readOnly(BOOLEAN, "pricesIncludeTax")
        .readOnly(DECIMAL, "discountAmount")
        .readOnly(BOOLEAN, "discountAppliedBeforeTax")
        .readOnly(DECIMAL, "totalAmountExcludingTax", "totalTaxAmount", "totalAmountIncludingTax")
        .readOnlyEnumeration("status", INVOICE_STATUS)
        .lastModified();
    return approvable(builder).build();
  }

  private static EntitySetDefinition salesInvoiceLines() {
    return lines(
            SALES_INVOICE_LINES,
            "salesInvoiceLine",
            "erp_sales_invoice_line",
            SALES_INVOICES,
            "unitPrice")
        .date("shipmentDate")
        .readOnly(GUID, "itemVariantId", "locationId")
        .build();
  }

  private static EntitySetDefinition salesOrderLines() {
    return lines(
            SALES_ORDER_LINES, "salesOrderLine", "erp_sales_order_line", SALES_ORDERS, "unitPrice")
        .date("shipmentDate")
        .readOnly(DECIMAL, "shippedQuantity", "invoicedQuantity")
        .decimal("invoiceQuantity")
        .decimal("shipQuantity")
        .readOnly(GUID, "itemVariantId", "locationId")
        .build();
  }

  private static EntitySetDefinition purchaseInvoiceLines() {
    return lines(
            PURCHASE_INVOICE_LINES,
            "purchaseInvoiceLine",
            "erp_purchase_invoice_line",
            PURCHASE_INVOICES,
            "unitCost")
        .date("expectedReceiptDate")
        .readOnly(GUID, "itemVariantId", "locationId")
        .build();
  }

  /** The fields all document lines share, in Business Central's order. */
  private static EntitySetDefinition.Builder lines(
      String name, String entityName, String table, String documentSet, String priceField) {
    var builder =
        EntitySetDefinition.builder(name, entityName, table, DOCUMENT_LINE)
            .lineOf(
                new LineSpec(
                    documentSet,
                    priceField,
                    "unitCost".equals(priceField) ? "unitCost" : "unitPrice"))
            .id()
            .guid("documentId")
            .integer("sequence")
            .guid("itemId")
            .readOnly(GUID, "accountId")
            .enumeration("lineType", LINE_TYPE)
            .text("lineObjectNumber", 20)
            .text("description", 100)
            .readOnly(GUID, "unitOfMeasureId")
            .text("unitOfMeasureCode", 10);
    if ("unitCost".equals(priceField)) {
      builder.decimal("unitCost").decimal("quantity");
    } else {
      builder.decimal("quantity").decimal("unitPrice");
    }
    return builder
        .decimal("discountAmount")
        .decimal("discountPercent")
        .readOnly(BOOLEAN, "discountAppliedBeforeTax")
        .readOnly(DECIMAL, "amountExcludingTax")
        .text("taxCode", 20)
        .readOnly(
            DECIMAL,
            "taxPercent",
            "totalTaxAmount",
            "amountIncludingTax",
            "invoiceDiscountAllocation",
            "netAmount",
            "netTaxAmount",
            "netAmountIncludingTax");
  }

  /** Customer, bill-to, sell-to and ship-to fields of sales documents. */
  private static EntitySetDefinition.Builder salesParties(EntitySetDefinition.Builder builder) {
    builder
        .guid("customerId")
        .text("customerNumber", 20)
        .readOnlyText("customerName", 100)
        .readOnlyText("billToName", 100)
        .guid("billToCustomerId")
        .text("billToCustomerNumber", 20)
        .texts(100, "shipToName", "shipToContact");
    address(builder, "sellTo");
    readOnlyAddress(builder, "billTo");
    address(builder, "shipTo");
    return builder
        .readOnly(GUID, "currencyId")
        .texts(20, "shortcutDimension1Code", "shortcutDimension2Code")
        .text("currencyCode", 10);
  }

  private static DocumentSpec salesDocument(String linesSet, NumberSeries postedNumbers) {
    Map<String, String> copies = partyCopies("customerName", "sellTo");
    copies.put("phoneNumber", "phoneNumber");
    copies.put("email", "email");
    copies.put("salesperson", "salespersonCode");
    copies.put("currencyCode", "currencyCode");
    return new DocumentSpec(
        CUSTOMERS,
        "customerId",
        "customerNumber",
        copies,
        "billToCustomerId",
        "billToCustomerNumber",
        partyCopies("billToName", "billTo"),
        linesSet,
        postedNumbers);
  }

  /**
   * Business Central's purchase orders ({@code APIV2 - Purchase Orders}): drafts with lines that
   * can go through an approval; receiving and invoicing them is not there yet.
   */
  private static EntitySetDefinition purchaseOrders() {
    var builder =
        EntitySetDefinition.builder(
                PURCHASE_ORDERS, "purchaseOrder", "erp_purchase_order", DOCUMENT)
            .numberedBy(new NumberSeries("P-ORD", "P-ORD", 106001, 1, 6))
            .document(purchaseDocument(PURCHASE_ORDER_LINES, null))
            .id()
            .readOnlyText("number", 20)
            .date("orderDate")
            .date("postingDate")
            .guid("vendorId")
            .text("vendorNumber", 20)
            .readOnlyText("vendorName", 100)
            .readOnlyText("payToName", 100)
            .guid("payToVendorId")
            .text("payToVendorNumber", 20)
            .texts(100, "shipToName", "shipToContact");
    address(builder, "buyFrom");
    address(builder, "shipTo");
    readOnlyAddress(builder, "payTo")
        .readOnly(GUID, "currencyId")
        .texts(20, "shortcutDimension1Code", "shortcutDimension2Code")
        .text("currencyCode", 10)
        .readOnly(BOOLEAN, "pricesIncludeTax")
        .readOnly(GUID, "paymentTermsId", "shipmentMethodId")
        .text("purchaser", 20)
        .date("requestedReceiptDate")
        .readOnly(DECIMAL, "discountAmount")
        .readOnly(BOOLEAN, "discountAppliedBeforeTax")
        .readOnly(DECIMAL, "totalAmountExcludingTax", "totalTaxAmount", "totalAmountIncludingTax")
        .readOnly(BOOLEAN, "fullyReceived")
        .readOnlyEnumeration("status", PURCHASE_ORDER_STATUS)
        .lastModified();
    return approvable(builder).build();
  }

  private static EntitySetDefinition purchaseOrderLines() {
    return lines(
            PURCHASE_ORDER_LINES,
            "purchaseOrderLine",
            "erp_purchase_order_line",
            PURCHASE_ORDERS,
            "unitCost")
        .date("expectedReceiptDate")
        .readOnly(GUID, "itemVariantId", "locationId")
        .build();
  }

  private static DocumentSpec purchaseDocument(String linesSet, NumberSeries postedNumbers) {
    Map<String, String> copies = partyCopies("vendorName", "buyFrom");
    copies.put("currencyCode", "currencyCode");
    return new DocumentSpec(
        VENDORS,
        "vendorId",
        "vendorNumber",
        copies,
        "payToVendorId",
        "payToVendorNumber",
        partyCopies("payToName", "payTo"),
        linesSet,
        postedNumbers);
  }

  /**
   * A party's name and address as a document holds them, such as {@code customerName} and {@code
   * sellToAddressLine1 ... sellToPostCode}, mapped to the party's own fields.
   */
  private static Map<String, String> partyCopies(String nameField, String addressPrefix) {
    Map<String, String> copies = new LinkedHashMap<>();
    copies.put(nameField, "displayName");
    for (String field : ADDRESS) {
      copies.put(addressPrefix + addressSuffix(field), field);
    }
    return copies;
  }

  private static EntitySetDefinition.Builder address(
      EntitySetDefinition.Builder builder, String prefix) {
    for (int i = 0; i < ADDRESS.length; i++) {
      builder.text(prefixed(prefix, ADDRESS[i]), ADDRESS_LENGTHS[i]);
    }
    return builder;
  }

  private static EntitySetDefinition.Builder readOnlyAddress(
      EntitySetDefinition.Builder builder, String prefix) {
    for (int i = 0; i < ADDRESS.length; i++) {
      builder.readOnlyText(prefixed(prefix, ADDRESS[i]), ADDRESS_LENGTHS[i]);
    }
    return builder;
  }

  /** Document addresses are {@code sellToAddressLine1 ... sellToPostCode}, not postalCode. */
  private static String prefixed(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + addressSuffix(field);
  }

  private static String addressSuffix(String field) {
    return "postalCode".equals(field)
        ? "PostCode"
        : Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }
}
