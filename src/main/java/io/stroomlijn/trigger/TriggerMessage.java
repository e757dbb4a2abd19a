package io.stroomlijn.trigger;

import io.stroomlijn.erp.RecordEventType;
import java.util.Optional;

/**
 * A record trigger's message name: {@code erp.<entitySet>.<event>}, optionally followed by {@code
 * :label} so that several flows, or several start events of one flow, can react to one event.
 *
 * @param name the whole message name, such as {@code erp.vendors.modified:notify-purchasing}
 * @param entitySet the entity set, such as {@code vendors}
 * @param event what happened to the record
 */
public record TriggerMessage(String name, String entitySet, RecordEventType event) {

  static final String PREFIX = "erp.";

  /** The trigger a message name stands for; empty when it is not an {@code erp.} name at all. */
  public static Optional<TriggerMessage> parse(String messageName) {
    if (messageName == null || !messageName.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int colon = messageName.indexOf(':');
    String base = colon < 0 ? messageName : messageName.substring(0, colon);
    String[] parts = base.split("\\.");
    if (parts.length != 3 || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "'" + messageName + "' is not a record trigger: use erp.<entitySet>.<event>[:label]");
    }
    for (RecordEventType type : RecordEventType.values()) {
      if (type.eventName().equals(parts[2])) {
        return Optional.of(new TriggerMessage(messageName, parts[1], type));
      }
    }
    throw new IllegalArgumentException(
        "'"
            + messageName
            + "' names the unknown event '"
            + parts[2]
            + "': use created, modified, deleted, posted, approvalRequested or approvalCanceled");
  }

  /** The message name of an event without a label, such as {@code erp.vendors.modified}. */
  public static String of(String entitySet, RecordEventType event) {
    return PREFIX + entitySet + "." + event.eventName();
  }
}
