package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.embedded.schema.DocumentSpec;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.storage.NumberSeriesTable;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.SqlCondition;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Customers, vendors, contacts and items: numbered from their series unless a number is given. A
 * customer or vendor that open documents refer to cannot be deleted, as in Business Central.
 */
@Component
class MasterDataRules implements RecordRules {

  /** Statuses of a postable document (an invoice, a credit memo) before it is posted. */
  private static final List<String> UNPOSTED = List.of("Draft", "In Review", "Released");

  private final NumberSeriesTable numberSeries;
  private final RecordTable table;
  private final EntitySets sets;

  MasterDataRules(NumberSeriesTable numberSeries, RecordTable table, @Lazy EntitySets sets) {
    this.numberSeries = numberSeries;
    this.table = table;
    this.sets = sets;
  }

  @Override
  public EntityKind kind() {
    return EntityKind.MASTER;
  }

  @Override
  public void beforeCreate(
      WriteContext context,
      EntitySetDefinition set,
      Map<String, Object> values,
      Map<String, Object> given) {
    if (((String) values.get("number")).isBlank()) {
      set.numbers()
          .ifPresent(
              series -> values.put("number", numberSeries.next(context.companyId(), series)));
    }
  }

  @Override
  public void beforeUpdate(
      WriteContext context,
      EntitySetDefinition set,
      StoredRecord existing,
      Map<String, Object> values,
      Map<String, Object> given) {
    if (((String) values.get("number")).isBlank()) {
      throw new InvalidRequestException(
          "number", "The number of a " + set.entityName() + " must have a value.");
    }
  }

  @Override
  public void beforeDelete(WriteContext context, EntitySetDefinition set, StoredRecord existing) {
    for (EntitySetDefinition documents : sets.all()) {
      DocumentSpec spec = documents.document().orElse(null);
      if (spec == null || !spec.partySet().equals(set.name())) {
        continue;
      }
      String party = documents.field(spec.partyIdField()).orElseThrow().column();
      SqlCondition open = new SqlCondition(party + " = ?", List.of(existing.id()));
      if (spec.postable()) {
        // posted invoices and credit memos stay (as ledger history) but do not hold the party
        String status = documents.field("status").orElseThrow().column();
        open =
            SqlCondition.and(
                open, new SqlCondition(status + " IN (?, ?, ?)", List.copyOf(UNPOSTED)));
      }
      long count = table.count(documents, context.companyId(), open);
      if (count > 0) {
        throw new InvalidRequestException(
            "BadRequest_OpenDocuments",
            "id",
            "You cannot delete "
                + set.entityName()
                + " "
                + existing.get("number")
                + " because there are "
                + count
                + " open "
                + documents.name()
                + " for it. Post or delete them first.");
      }
    }
  }
}
