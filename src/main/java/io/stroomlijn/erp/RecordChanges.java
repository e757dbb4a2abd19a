package io.stroomlijn.erp;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What counts as a change of a record, the same for every ERP: which fields of a {@code modified}
 * or {@code posted} event changed, so that {@code changedFields} and a trigger's watched fields
 * behave alike against the embedded ERP and Business Central.
 */
public final class RecordChanges {

  /** Maintained on every change, so it is not a change of its own. */
  public static final String LAST_MODIFIED = "lastModifiedDateTime";

  private RecordChanges() {}

  /**
   * The fields whose value differs, in the order of {@code after}, without the modification time.
   */
  public static List<String> changedFields(Map<String, Object> before, Map<String, Object> after) {
    List<String> changed = new ArrayList<>();
    after.forEach(
        (field, value) -> {
          if (!LAST_MODIFIED.equals(field) && !same(before.get(field), value)) {
            changed.add(field);
          }
        });
    return changed;
  }

  /**
   * Whether two field values are the same: numbers by value whatever their type and scale ({@code
   * 1.50} and {@code 1.5}, or {@code 0} and {@code 0.0} from JSON), times by instant.
   */
  public static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
      return x.toInstant().equals(y.toInstant());
    }
    return a == null ? b == null : a.equals(b);
  }
}
