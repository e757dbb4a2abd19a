package io.stroomlijn.erp.embedded.approval;

import io.stroomlijn.erp.ErpApprovals.NewApprovalEntry;
import io.stroomlijn.erp.embedded.records.RecordWriter;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.SortKey;
import io.stroomlijn.erp.embedded.storage.SqlCondition;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Writes the approval entries ({@code approvalEntries}), which the API only reads. */
@Component
class ApprovalEntries {

  static final String OPEN = "Open";
  static final String CANCELED = "Canceled";

  private final EntitySets sets;
  private final RecordWriter writer;
  private final RecordTable table;

  ApprovalEntries(EntitySets sets, RecordWriter writer, RecordTable table) {
    this.sets = sets;
    this.writer = writer;
    this.table = table;
  }

  StoredRecord open(
      WriteContext context,
      NewApprovalEntry entry,
      EntitySetDefinition recordSet,
      StoredRecord record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("entitySet", entry.entitySet());
    fields.put("recordId", entry.recordId().toString());
    fields.put("documentType", documentType(recordSet));
    fields.put("documentNumber", text(record.get("number")));
    fields.put("sequenceNumber", entry.sequenceNumber());
    fields.put("approvalCode", entry.approvalCode());
    fields.put("senderUserName", entry.senderUserName());
    fields.put("approverUserName", entry.approverUserName());
    fields.put("approvalType", entry.approvalType());
    fields.put("status", OPEN);
    if (entry.dueDate() != null) {
      fields.put("dueDate", entry.dueDate().toString());
    }
    Object amount = record.get("totalAmountIncludingTax");
    fields.put("amount", amount instanceof BigDecimal decimal ? decimal : BigDecimal.ZERO);
    fields.put("currencyCode", text(record.get("currencyCode")));
    fields.put("dateTimeSentForApproval", context.now().toString());
    return writer.create(context, entries(), fields);
  }

  StoredRecord update(WriteContext context, UUID entryId, Map<String, Object> fields) {
    return writer.update(context, entries(), entryId, fields, "*");
  }

  /** Cancels the entries of a record that still wait for a response. */
  void cancelOpen(WriteContext context, String entitySet, UUID recordId) {
    SqlCondition open =
        new SqlCondition(
            "entity_set = ? AND record_id = ? AND status IN ('Created', 'Open')",
            List.of(entitySet, recordId));
    SortKey bySequence = new SortKey(entries().field("sequenceNumber").orElseThrow(), false);
    for (StoredRecord entry :
        table.query(entries(), context.companyId(), open, List.of(bySequence), 1000, 0)) {
      writer.update(context, entries(), entry.id(), Map.of("status", CANCELED), "*");
    }
  }

  EntitySetDefinition entries() {
    return sets.find(EntitySets.APPROVAL_ENTRIES).orElseThrow();
  }

  private static String documentType(EntitySetDefinition set) {
    if (set.kind() != EntityKind.DOCUMENT) {
      return " ";
    }
    return set.name().endsWith("Orders") ? "Order" : "Invoice";
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
