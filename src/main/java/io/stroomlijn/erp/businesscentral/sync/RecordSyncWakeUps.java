package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.businesscentral.webhooks.NotificationsStored;

/**
 * Lets the receiver and the subscription upkeep tell this node's record sync that there is work, so
 * it starts now rather than at its next poll (within a second). Call after the commit that stored
 * the work; calling it needlessly costs a query.
 */
public class RecordSyncWakeUps implements NotificationsStored {

  private final NotificationWorker notifications;
  private final CatchUpWorker catchUps;

  RecordSyncWakeUps(NotificationWorker notifications, CatchUpWorker catchUps) {
    this.notifications = notifications;
    this.catchUps = catchUps;
  }

  /** Notifications were stored in the inbox. */
  public void notificationsStored() {
    notifications.wakeUp();
  }

  /** The receiver committed notifications to the inbox. */
  @Override
  public void stored(int count) {
    notificationsStored();
  }

  /** A watched set was added, or a catch-up asked for ({@code catch_up_due}). */
  public void watchedSetsChanged() {
    catchUps.wakeUp();
  }
}
