package io.stroomlijn.erp.businesscentral.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far the sync has read each watched set (its side of {@code bc_watched_set}; the webhooks
 * package keeps the subscription side): the subscription upkeep adds a row when a set becomes
 * watched and removes it when no flow needs it; the sync reads the set once (the baseline), then
 * keeps its watermark and catch-up state. The upkeep asks for a catch-up with {@code catch_up_due}.
 */
final class ReadProgress {

  private static final String COLUMNS =
      "company_id, entity_set, baseline_read_at, watermark, last_catch_up_at, catch_up_due,"
          + " reads_all, last_deletion_check_at";

  /**
   * One watched set as the sync sees it.
   *
   * @param readsAll its records have no modification time: a catch-up reads all and compares
   * @param lastDeletionCheckAt when its ids were last compared with the records seen; null: due
   */
  record SetProgress(
      UUID companyId,
      String entitySet,
      OffsetDateTime baselineReadAt,
      OffsetDateTime watermark,
      OffsetDateTime lastCatchUpAt,
      boolean catchUpDue,
      boolean readsAll,
      OffsetDateTime lastDeletionCheckAt) {

    boolean baselineRead() {
      return baselineReadAt != null;
    }
  }

  private final JdbcTemplate jdbc;

  ReadProgress(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<SetProgress> all() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM bc_watched_set ORDER BY created_at, company_id, entity_set",
        (rs, row) -> read(rs));
  }

  Optional<SetProgress> find(UUID companyId, String entitySet) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM bc_watched_set WHERE company_id = ? AND entity_set = ?",
            (rs, row) -> read(rs),
            companyId,
            entitySet)
        .stream()
        .findFirst();
  }

  /** Records the first read: from now on the set's changes are events. */
  void baselineRead(
      UUID companyId,
      String entitySet,
      OffsetDateTime readAt,
      OffsetDateTime watermark,
      boolean readsAll) {
    jdbc.update(
        "UPDATE bc_watched_set SET baseline_read_at = ?, watermark = ?, reads_all = ?"
            + " WHERE company_id = ? AND entity_set = ?",
        readAt,
        watermark,
        readsAll,
        companyId,
        entitySet);
  }

  /**
   * Takes a catch-up request: clears {@code catch_up_due} as the catch-up starts, so that one the
   * upkeep makes while it runs stays for the next run. Returns whether it was due.
   */
  boolean takeCatchUpRequest(UUID companyId, String entitySet) {
    return jdbc.update(
            "UPDATE bc_watched_set SET catch_up_due = FALSE"
                + " WHERE company_id = ? AND entity_set = ? AND catch_up_due = TRUE",
            companyId,
            entitySet)
        == 1;
  }

  /** Asks for a catch-up again, after one that did not finish. */
  void requestCatchUp(UUID companyId, String entitySet) {
    jdbc.update(
        "UPDATE bc_watched_set SET catch_up_due = TRUE WHERE company_id = ? AND entity_set = ?",
        companyId,
        entitySet);
  }

  /** Asks for a catch-up of every set read before: what changed while Stroomlijn was down. */
  void requestCatchUpOfAll() {
    // A start also checks for deletions: their notifications may have failed while it was down.
    jdbc.update(
        "UPDATE bc_watched_set SET catch_up_due = TRUE, last_deletion_check_at = NULL"
            + " WHERE baseline_read_at IS NOT NULL");
  }

  /** Records that the set's ids were compared with the records seen. */
  void deletionsChecked(UUID companyId, String entitySet, OffsetDateTime at) {
    jdbc.update(
        "UPDATE bc_watched_set SET last_deletion_check_at = ? WHERE company_id = ? AND"
            + " entity_set = ?",
        at,
        companyId,
        entitySet);
  }

  /** Moves the watermark forward (never back) to the newest modification time read. */
  void advanceWatermark(UUID companyId, String entitySet, OffsetDateTime newest) {
    jdbc.update(
        "UPDATE bc_watched_set SET watermark = ? WHERE company_id = ? AND entity_set = ?"
            + " AND (watermark IS NULL OR watermark < ?)",
        newest,
        companyId,
        entitySet,
        newest);
  }

  /** Records a finished catch-up. */
  void caughtUp(UUID companyId, String entitySet, OffsetDateTime at, boolean readsAll) {
    jdbc.update(
        "UPDATE bc_watched_set SET last_catch_up_at = ?, reads_all = ?"
            + " WHERE company_id = ? AND entity_set = ?",
        at,
        readsAll,
        companyId,
        entitySet);
  }

  private static SetProgress read(ResultSet rs) throws SQLException {
    return new SetProgress(
        rs.getObject("company_id", UUID.class),
        rs.getString("entity_set"),
        rs.getObject("baseline_read_at", OffsetDateTime.class),
        rs.getObject("watermark", OffsetDateTime.class),
        rs.getObject("last_catch_up_at", OffsetDateTime.class),
        rs.getBoolean("catch_up_due"),
        rs.getBoolean("reads_all"),
        rs.getObject("last_deletion_check_at", OffsetDateTime.class));
  }
}
