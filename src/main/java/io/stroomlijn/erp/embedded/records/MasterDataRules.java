package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.storage.NumberSeriesTable;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Customers, vendors, contacts and items: numbered from their series unless a number is given. */
@Component
class MasterDataRules implements RecordRules {

  private final NumberSeriesTable numberSeries;

  MasterDataRules(NumberSeriesTable numberSeries) {
    this.numberSeries = numberSeries;
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
}
