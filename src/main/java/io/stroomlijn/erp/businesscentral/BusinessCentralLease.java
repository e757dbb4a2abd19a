package io.stroomlijn.erp.businesscentral;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The leases of {@code bc_lease}: work that one node at a time does (subscription upkeep,
 * catch-up). A lease is taken by an UPDATE that succeeds only when nobody holds it, the hold ran
 * out, or the taker already holds it; nothing stays locked while Business Central is asked, and a
 * node that dies loses its lease when the hold runs out.
 */
@ConditionalOnBusinessCentral
@Repository
public class BusinessCentralLease {

  private static final int MAX_ERROR = 1000;

  private final JdbcTemplate jdbc;

  public BusinessCentralLease(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Takes (or extends) the lease for {@code hold}; false when another node holds it. */
  public boolean take(String name, String node, Duration hold) {
    OffsetDateTime now = now();
    return jdbc.update(
            "UPDATE bc_lease SET held_by = ?, held_until = ? WHERE name = ?"
                + " AND (held_by IS NULL OR held_until IS NULL OR held_until < ? OR held_by = ?)",
            node,
            now.plus(hold),
            name,
            now,
            node)
        == 1;
  }

  /** Gives the lease back and records how the work went (null: without a problem). */
  public void release(String name, String node, String problem) {
    jdbc.update(
        "UPDATE bc_lease SET held_by = NULL, held_until = NULL, last_run_at = ?, last_error = ?"
            + " WHERE name = ? AND held_by = ?",
        now(),
        problem == null || problem.length() <= MAX_ERROR
            ? problem
            : problem.substring(0, MAX_ERROR),
        name,
        node);
  }

  /**
   * How the work under a lease last went, on whichever node did it.
   *
   * @param heldBy the node holding it now, null when nobody does
   * @param heldUntil until when
   * @param lastRunAt when the work last ended
   * @param lastError what went wrong then, null when nothing did
   */
  public record Run(
      String heldBy, OffsetDateTime heldUntil, OffsetDateTime lastRunAt, String lastError) {}

  public Optional<Run> lastRun(String name) {
    return jdbc
        .query(
            "SELECT held_by, held_until, last_run_at, last_error FROM bc_lease WHERE name = ?",
            (rs, row) ->
                new Run(
                    rs.getString("held_by"),
                    rs.getObject("held_until", OffsetDateTime.class),
                    rs.getObject("last_run_at", OffsetDateTime.class),
                    rs.getString("last_error")),
            name)
        .stream()
        .findFirst();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
