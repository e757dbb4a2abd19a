package io.stroomlijn.erp;

/** Receives committed record changes from an {@link ErpConnector}. */
@FunctionalInterface
public interface RecordEventListener {

  /** Called once per committed change, in commit order, after the commit. */
  void onRecordEvent(RecordEvent event);
}
