package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.businesscentral.BusinessCentralLease;
import java.time.Duration;

/**
 * The {@code catch-up} lease of {@code bc_lease}: one node at a time makes first reads and
 * catch-ups. It is taken by an UPDATE that succeeds only when nobody holds it or the hold ran out,
 * renewed as the work goes on, and released after; no transaction stays open meanwhile.
 */
final class CatchUpLease {

  static final String NAME = "catch-up";

  private final BusinessCentralLease lease;
  private final String node;
  private final Duration hold;

  CatchUpLease(BusinessCentralLease lease, String node, Duration hold) {
    this.lease = lease;
    this.node = node;
    this.hold = hold;
  }

  /** Takes the lease, or keeps it when this node holds it; false when another node does. */
  boolean take() {
    return lease.take(NAME, node, hold);
  }

  /** Holds the lease longer; false when it ran out and another node took it. */
  boolean renew() {
    return lease.take(NAME, node, hold);
  }

  void release() {
    lease.release(NAME, node, null);
  }
}
