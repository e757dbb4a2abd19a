package io.stroomlijn.erp.businesscentral.webhooks;

/**
 * Told by the receiver after it committed notifications to the inbox, so that whoever reads the
 * inbox (the record sync) can start at once instead of at its next poll. Any number of beans may
 * implement it; none is needed.
 */
public interface NotificationsStored {

  /** {@code count} notifications were committed to the inbox just now. */
  void stored(int count);
}
