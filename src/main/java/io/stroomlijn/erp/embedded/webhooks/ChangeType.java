package io.stroomlijn.erp.embedded.webhooks;

import io.stroomlijn.erp.RecordEventType;
import java.util.Collection;

/** A notification's {@code changeType}, as Business Central names it. */
enum ChangeType {
  CREATED("created"),
  UPDATED("updated"),
  DELETED("deleted"),
  COLLECTION("collection");

  private final String json;

  ChangeType(String json) {
    this.json = json;
  }

  String json() {
    return json;
  }

  static ChangeType of(String json) {
    for (ChangeType type : values()) {
      if (type.json.equals(json)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Unknown change type " + json);
  }

  /** Postings and approval requests are updates of the record to a subscriber. */
  static ChangeType of(RecordEventType event) {
    return switch (event) {
      case CREATED -> CREATED;
      case DELETED -> DELETED;
      default -> UPDATED;
    };
  }

  /**
   * Several changes of one record in one window, as one: created and deleted is nothing (null),
   * else deleted wins over created, which wins over updated.
   */
  static ChangeType merged(Collection<ChangeType> changes) {
    boolean created = changes.contains(CREATED);
    boolean deleted = changes.contains(DELETED);
    if (created && deleted) {
      return null;
    }
    return deleted ? DELETED : created ? CREATED : UPDATED;
  }
}
