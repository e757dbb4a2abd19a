package io.stroomlijn.erp.businesscentral.webhooks;

import java.util.Locale;
import java.util.Optional;

/** What a Business Central notification says happened to its resource. */
public enum ChangeType {
  CREATED,
  UPDATED,
  DELETED,
  /** More changes than Business Central notifies one by one: the resource holds a $filter. */
  COLLECTION;

  /** The name in notifications and in the inbox, such as {@code updated}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ChangeType> of(String label) {
    for (ChangeType type : values()) {
      if (type.label().equals(label)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
