package io.stroomlijn.erp.embedded.schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The types of Business Central API fields. Business Central has no nulls: an empty field is the
 * type's blank value (empty text, zero, the zero GUID, {@code 0001-01-01}), and so it is here.
 */
public enum FieldType {
  TEXT("Edm.String", ""),
  DECIMAL("Edm.Decimal", BigDecimal.ZERO),
  INTEGER("Edm.Int32", 0),
  BOOLEAN("Edm.Boolean", false),
  DATE("Edm.Date", LocalDate.of(1, 1, 1)),
  DATE_TIME("Edm.DateTimeOffset", OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
  GUID("Edm.Guid", new UUID(0, 0)),
  ENUM("Edm.String", "");

  private final String edmName;
  private final Object blank;

  FieldType(String edmName, Object blank) {
    this.edmName = edmName;
    this.blank = blank;
  }

  /** The OData type name, used in error messages as Business Central does. */
  public String edmName() {
    return edmName;
  }

  /** The value of an empty field of this type. */
  public Object blank() {
    return blank;
  }
}
