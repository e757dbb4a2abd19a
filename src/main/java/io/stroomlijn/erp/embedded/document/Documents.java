package io.stroomlijn.erp.embedded.document;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.records.RecordStore;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.SqlCondition;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What documents and their lines share: the draft rule, totals and line lookups. */
@Component
public class Documents {

  static final String DRAFT = "Draft";

  /** An approved sales order's status; it can still be changed, which reopens it. */
  static final String RELEASED = "Released";

  private static final List<String> LINE_AMOUNTS =
      List.of("amountExcludingTax", "totalTaxAmount", "amountIncludingTax", "discountAmount");

  private final EntitySets sets;
  private final RecordTable table;
  private final RecordStore store;

  public Documents(EntitySets sets, RecordTable table, RecordStore store) {
    this.sets = sets;
    this.table = table;
    this.store = store;
  }

  /** Refuses changes to a document that is no longer a draft, such as a posted invoice. */
  void requireDraft(EntitySetDefinition set, StoredRecord document) {
    Object status = document.get("status");
    if (EntitySets.APPROVAL_PENDING.equals(document.get(EntitySets.APPROVAL_STATUS))) {
      throw new InvalidRequestException(
          "BadRequest_PendingApproval",
          EntitySets.APPROVAL_STATUS,
          "The "
              + set.entityName()
              + " "
              + document.get("number")
              + " is pending approval and cannot be changed; cancel the approval request first.");
    }
    if (!DRAFT.equals(status) && !RELEASED.equals(status)) {
      throw new InvalidRequestException(
          "BadRequest_DocumentNotEditable",
          "status",
          "The "
              + set.entityName()
              + " "
              + document.get("number")
              + " has status '"
              + status
              + "' and can no longer be changed; only draft documents can.");
    }
  }

  EntitySetDefinition documentSetOf(EntitySetDefinition lineSet) {
    return sets.find(lineSet.line().orElseThrow().documentSet()).orElseThrow();
  }

  EntitySetDefinition linesSetOf(EntitySetDefinition documentSet) {
    return sets.find(documentSet.document().orElseThrow().linesSet()).orElseThrow();
  }

  EntitySetDefinition set(String name) {
    return sets.find(name).orElseThrow();
  }

  /** How many lines a document has. */
  public long lineCount(WriteContext context, EntitySetDefinition documentSet, UUID documentId) {
    return table.count(
        linesSetOf(documentSet), context.companyId(), SqlCondition.linesOf(documentId));
  }

  /** The next free line sequence, in Business Central's steps of 10000. */
  int nextSequence(WriteContext context, EntitySetDefinition lineSet, UUID documentId) {
    return table.max(lineSet, context.companyId(), SqlCondition.linesOf(documentId), "sequence")
        + 10000;
  }

  boolean sequenceTaken(
      WriteContext context, EntitySetDefinition lineSet, UUID documentId, int sequence) {
    SqlCondition sameSequence =
        new SqlCondition("document_id = ? AND sequence = ?", List.of(documentId, sequence));
    return table.count(lineSet, context.companyId(), sameSequence) > 0;
  }

  /**
   * A change to an approved (released) document returns it to Open: the approval was for what it
   * said then, so it must be approved again before it can be posted.
   */
  void reopenIfReleased(Map<String, Object> values) {
    if (EntitySets.APPROVAL_RELEASED.equals(values.get(EntitySets.APPROVAL_STATUS))) {
      values.put(EntitySets.APPROVAL_STATUS, EntitySets.APPROVAL_OPEN);
      if (RELEASED.equals(values.get("status"))) {
        values.put("status", DRAFT);
      }
    }
  }

  /** Recomputes a document's totals from its lines; logs a modification when they changed. */
  void recalculateTotals(WriteContext context, EntitySetDefinition documentSet, UUID documentId) {
    StoredRecord document = store.locked(context, documentSet, documentId);
    Map<String, BigDecimal> sums =
        table.sum(
            linesSetOf(documentSet),
            context.companyId(),
            SqlCondition.linesOf(documentId),
            LINE_AMOUNTS);
    Map<String, Object> values = new LinkedHashMap<>(document.values());
    values.put("totalAmountExcludingTax", sums.get("amountExcludingTax"));
    values.put("totalTaxAmount", sums.get("totalTaxAmount"));
    values.put("totalAmountIncludingTax", sums.get("amountIncludingTax"));
    values.put("discountAmount", sums.get("discountAmount"));
    reopenIfReleased(values);
    store.save(context, documentSet, document, values, RecordEventType.MODIFIED);
  }
}
