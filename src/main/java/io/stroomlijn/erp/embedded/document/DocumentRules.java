package io.stroomlijn.erp.embedded.document;

import io.stroomlijn.erp.embedded.records.RecordRules;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.DocumentSpec;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.FieldType;
import io.stroomlijn.erp.embedded.storage.NumberSeriesTable;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sales and purchase documents: numbered from their series, dated today unless dated, filled from
 * their customer or vendor, and editable only as drafts.
 */
@Component
class DocumentRules implements RecordRules {

  private static final List<String> DATED_TODAY =
      List.of("invoiceDate", "orderDate", "postingDate");

  private final NumberSeriesTable numberSeries;
  private final PartyLookup parties;
  private final Documents documents;

  DocumentRules(NumberSeriesTable numberSeries, PartyLookup parties, Documents documents) {
    this.numberSeries = numberSeries;
    this.parties = parties;
    this.documents = documents;
  }

  @Override
  public EntityKind kind() {
    return EntityKind.DOCUMENT;
  }

  @Override
  public void beforeCreate(
      WriteContext context,
      EntitySetDefinition set,
      Map<String, Object> values,
      Map<String, Object> given) {
    DocumentSpec spec = set.document().orElseThrow();
    parties.apply(context, spec, values, given, true);
    set.numbers()
        .ifPresent(series -> values.put("number", numberSeries.next(context.companyId(), series)));
    LocalDate today = context.today();
    for (String field : DATED_TODAY) {
      if (values.containsKey(field) && FieldType.DATE.blank().equals(values.get(field))) {
        values.put(field, today);
      }
    }
    if (values.containsKey("dueDate") && FieldType.DATE.blank().equals(values.get("dueDate"))) {
      // Without payment terms, Business Central makes an invoice due on its document date.
      values.put("dueDate", values.get("invoiceDate"));
    }
  }

  @Override
  public void beforeUpdate(
      WriteContext context,
      EntitySetDefinition set,
      StoredRecord existing,
      Map<String, Object> values,
      Map<String, Object> given) {
    documents.requireDraft(set, existing);
    parties.apply(context, set.document().orElseThrow(), values, given, false);
    documents.reopenIfReleased(values);
  }

  @Override
  public void beforeDelete(WriteContext context, EntitySetDefinition set, StoredRecord existing) {
    documents.requireDraft(set, existing);
  }
}
