package io.stroomlijn.erp.embedded.document;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.embedded.records.RecordRules;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.schema.FieldType;
import io.stroomlijn.erp.embedded.schema.LineSpec;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Document lines: they belong to a draft document, take their description, unit and price from
 * their item, compute their amounts, and keep the document's totals up to date.
 */
@Component
class LineRules implements RecordRules {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal LARGEST_LINE_AMOUNT = BigDecimal.TEN.pow(20);

  private final Documents documents;
  private final RecordTable table;
  private final TaxRates taxRates;

  LineRules(Documents documents, RecordTable table, TaxRates taxRates) {
    this.documents = documents;
    this.table = table;
    this.taxRates = taxRates;
  }

  @Override
  public EntityKind kind() {
    return EntityKind.DOCUMENT_LINE;
  }

  @Override
  public void beforeCreate(
      WriteContext context,
      EntitySetDefinition set,
      Map<String, Object> values,
      Map<String, Object> given) {
    EntitySetDefinition documentSet = documents.documentSetOf(set);
    UUID documentId = (UUID) given.get("documentId");
    if (documentId == null || FieldType.GUID.blank().equals(documentId)) {
      throw new InvalidRequestException(
          "BadRequest_RequiredField", "documentId", "Specify the 'documentId' of the line.");
    }
    StoredRecord document =
        table
            .find(documentSet, context.companyId(), documentId, true)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "BadRequest_RelatedRecordNotFound",
                        "documentId",
                        "The " + documentSet.entityName() + " " + documentId + " does not exist."));
    documents.requireDraft(documentSet, document);
    Integer sequence = (Integer) given.get("sequence");
    if (sequence == null || sequence == 0) {
      values.put("sequence", documents.nextSequence(context, set, documentId));
    } else if (sequence < 0 || documents.sequenceTaken(context, set, documentId, sequence)) {
      throw new InvalidRequestException(
          "sequence",
          "The document already has a line with sequence "
              + sequence
              + ", or the sequence is negative.");
    }
    applyItem(context, set, values, given);
    calculate(set.line().orElseThrow(), values, given);
  }

  @Override
  public void beforeUpdate(
      WriteContext context,
      EntitySetDefinition set,
      StoredRecord existing,
      Map<String, Object> values,
      Map<String, Object> given) {
    if (given.containsKey("documentId")
        && !given.get("documentId").equals(existing.get("documentId"))) {
      throw new InvalidRequestException(
          "documentId", "The value for \"documentId\" cannot be modified.");
    }
    if (given.containsKey("sequence") && !given.get("sequence").equals(existing.get("sequence"))) {
      throw new InvalidRequestException(
          "sequence",
          "The value for \"sequence\" cannot be modified. Delete and insert the line again.");
    }
    requireDraftDocument(context, set, existing);
    applyItem(context, set, values, given);
    calculate(set.line().orElseThrow(), values, given);
  }

  @Override
  public void beforeDelete(WriteContext context, EntitySetDefinition set, StoredRecord existing) {
    requireDraftDocument(context, set, existing);
  }

  @Override
  public void afterWrite(
      WriteContext context, EntitySetDefinition set, StoredRecord before, StoredRecord after) {
    StoredRecord line = after != null ? after : before;
    documents.recalculateTotals(
        context, documents.documentSetOf(set), (UUID) line.get("documentId"));
  }

  private void requireDraftDocument(
      WriteContext context, EntitySetDefinition set, StoredRecord line) {
    EntitySetDefinition documentSet = documents.documentSetOf(set);
    table
        .find(documentSet, context.companyId(), (UUID) line.get("documentId"), true)
        .ifPresent(document -> documents.requireDraft(documentSet, document));
  }

  /**
   * For item lines naming an item (by {@code itemId} or {@code lineObjectNumber}), takes the item's
   * number, description, unit, price and tax code, unless the client sent its own.
   */
  private void applyItem(
      WriteContext context,
      EntitySetDefinition set,
      Map<String, Object> values,
      Map<String, Object> given) {
    if ("Comment".equals(values.get("lineType"))) {
      values.put("itemId", FieldType.GUID.blank());
      values.put("quantity", BigDecimal.ZERO);
      return;
    }
    if (!"Item".equals(values.get("lineType"))
        || !(given.containsKey("itemId") || given.containsKey("lineObjectNumber"))) {
      return;
    }
    EntitySetDefinition items = documents.set(EntitySets.ITEMS);
    boolean byId = given.containsKey("itemId");
    Optional<StoredRecord> found =
        byId
            ? table.find(items, context.companyId(), (UUID) given.get("itemId"), false)
            : table.findByNumber(
                items, context.companyId(), (String) given.get("lineObjectNumber"));
    String field = byId ? "itemId" : "lineObjectNumber";
    StoredRecord item =
        found.orElseThrow(
            () ->
                new InvalidRequestException(
                    "BadRequest_RelatedRecordNotFound",
                    field,
                    "Item does not exist: no item has the "
                        + field
                        + " "
                        + given.get(field)
                        + "."));
    if (Boolean.TRUE.equals(item.get("blocked"))) {
      throw new InvalidRequestException(
          "BadRequest_ItemBlocked", field, "Item " + item.get("number") + " is blocked.");
    }
    LineSpec spec = set.line().orElseThrow();
    values.put("itemId", item.id());
    values.put("lineObjectNumber", item.get("number"));
    takeUnlessGiven(values, given, "description", item.get("displayName"));
    takeUnlessGiven(values, given, "unitOfMeasureCode", item.get("baseUnitOfMeasureCode"));
    takeUnlessGiven(values, given, spec.priceField(), item.get(spec.itemPriceField()));
    takeUnlessGiven(values, given, "taxCode", item.get("taxGroupCode"));
  }

  private static void takeUnlessGiven(
      Map<String, Object> values, Map<String, Object> given, String field, Object value) {
    if (!given.containsKey(field)) {
      values.put(field, value);
    }
  }

  /** The line's amounts, as Business Central computes them, rounded to cents. */
  private void calculate(LineSpec spec, Map<String, Object> values, Map<String, Object> given) {
    BigDecimal quantity = (BigDecimal) values.get("quantity");
    BigDecimal price = (BigDecimal) values.get(spec.priceField());
    BigDecimal gross = quantity.multiply(price);
    if (gross.abs().compareTo(LARGEST_LINE_AMOUNT) >= 0) {
      throw new InvalidRequestException(
          "quantity", "The line amount " + gross.toPlainString() + " is too large.");
    }
    BigDecimal discountPercent = (BigDecimal) values.get("discountPercent");
    BigDecimal discountAmount;
    if (given.containsKey("discountAmount") && !given.containsKey("discountPercent")) {
      discountAmount = cents((BigDecimal) values.get("discountAmount"));
      discountPercent =
          gross.signum() == 0
              ? BigDecimal.ZERO
              : discountAmount.multiply(HUNDRED).divide(gross, 5, RoundingMode.HALF_UP);
    } else {
      discountAmount = cents(gross.multiply(discountPercent).divide(HUNDRED));
    }
    if (discountPercent.signum() < 0 || discountPercent.compareTo(HUNDRED) > 0) {
      throw new InvalidRequestException(
          given.containsKey("discountPercent") ? "discountPercent" : "discountAmount",
          "The discount must be between 0 and 100 percent of the line amount.");
    }
    BigDecimal taxPercent = taxRates.percent((String) values.get("taxCode"));
    BigDecimal amount = cents(gross.subtract(discountAmount));
    BigDecimal tax = cents(amount.multiply(taxPercent).divide(HUNDRED));
    values.put("discountPercent", discountPercent);
    values.put("discountAmount", discountAmount);
    values.put("amountExcludingTax", amount);
    values.put("taxPercent", taxPercent);
    values.put("totalTaxAmount", tax);
    values.put("amountIncludingTax", amount.add(tax));
    values.put("invoiceDiscountAllocation", BigDecimal.ZERO);
    values.put("netAmount", amount);
    values.put("netTaxAmount", tax);
    values.put("netAmountIncludingTax", amount.add(tax));
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
