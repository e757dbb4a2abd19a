package io.stroomlijn.erp;

import java.util.List;

/**
 * Receives committed record changes from an {@link ErpConnector}.
 *
 * <p>Delivery is durable and at least once: events come in batches, in commit order for each
 * record, and a batch may come again after a crash or when the listener threw. Listeners must
 * therefore be idempotent by {@link RecordEvent#eventId()}. The embedded ERP calls listeners inside
 * the database transaction that marks the batch delivered, so a listener that writes to the same
 * database sees each event exactly once. A listener that throws gets the batch again later.
 */
@FunctionalInterface
public interface RecordEventListener {

  /** Handles a batch of committed changes, oldest first. */
  void onRecordEvents(List<RecordEvent> events);
}
