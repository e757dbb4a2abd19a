package io.stroomlijn.erp.businesscentral.sync;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code catch-up} lease of {@code bc_lease}: one node at a time makes first reads and
 * catch-ups. It is taken by an UPDATE that succeeds only when nobody holds it or the hold ran out,
 * renewed as the work goes on, and released after; no transaction stays open meanwhile.
 */
final class CatchUpLease {

  static final String NAME = "catch-up";

  private final JdbcTemplate jdbc;
  private final String node;
  private final Duration hold;

  CatchUpLease(JdbcTemplate jdbc, String node, Duration hold) {
    this.jdbc = jdbc;
    this.node = node;
    this.hold = hold;
  }

  /** Takes the lease, or keeps it when this node holds it; false when another node does. */
  boolean take() {
    OffsetDateTime now = now();
    return jdbc.update(
            "UPDATE bc_lease SET held_by = ?, held_until = ? WHERE name = ?"
                + " AND (held_by IS NULL OR held_until IS NULL OR held_until < ? OR held_by = ?)",
            node,
            now.plus(hold),
            NAME,
            now,
            node)
        == 1;
  }

  /** Holds the lease longer; false when it ran out and another node took it. */
  boolean renew() {
    return jdbc.update(
            "UPDATE bc_lease SET held_until = ? WHERE name = ? AND held_by = ?",
            now().plus(hold),
            NAME,
            node)
        == 1;
  }

  void release() {
    jdbc.update(
        "UPDATE bc_lease SET held_by = NULL, held_until = NULL WHERE name = ? AND held_by = ?",
        NAME,
        node);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
