package io.stroomlijn.erp.businesscentral.sync;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the record sync keeps up with Business Central, for the status endpoint: per watched set
 * whether it is read whole and the notifications it has waiting; the inbox as a whole; and this
 * node's last errors. Nothing here holds a token, secret or record data.
 */
public class RecordSyncStatus {

  /**
   * One watched set, beside what the status shows of its reads already (first read, watermark, last
   * catch-up, catch-up due: columns of the same row).
   *
   * @param readsAll its records have no modification time: catch-ups read all and compare
   * @param lastDeletionCheckAt when its ids were last compared with the records seen
   * @param pendingNotifications notifications of it in the inbox
   * @param failingNotifications of those, the ones whose reading failed at least once
   */
  public record WatchedSetSync(
      UUID companyId,
      String entitySet,
      boolean readsAll,
      OffsetDateTime lastDeletionCheckAt,
      long pendingNotifications,
      long failingNotifications) {}

  /**
   * The notification inbox.
   *
   * @param pending notifications waiting to be read (failed ones included)
   * @param oldestReceivedAt when the oldest of them arrived, or null
   * @param failing notifications whose reading failed at least once
   * @param gaveUp of those, the ones that used up {@code notification-attempts}: tried again once
   *     per catch-up interval, while the catch-up finds their changes
   */
  public record InboxSync(
      long pending, OffsetDateTime oldestReceivedAt, long failing, long gaveUp) {}

  /**
   * An error of the record sync on this node.
   *
   * @param activity {@code notification}, {@code first read} or {@code catch-up}
   * @param message what went wrong, without secrets, at most 500 characters
   */
  public record SyncError(
      OffsetDateTime at, UUID companyId, String entitySet, String activity, String message) {}

  /**
   * The whole picture.
   *
   * @param node this node's name in claims and leases
   * @param lastErrors this node's last (at most 20) errors, newest first
   */
  public record Report(
      String node, List<WatchedSetSync> watchedSets, InboxSync inbox, List<SyncError> lastErrors) {}

  private final JdbcTemplate jdbc;
  private final SyncErrors errors;
  private final String node;
  private final int notificationAttempts;

  RecordSyncStatus(JdbcTemplate jdbc, SyncErrors errors, String node, int notificationAttempts) {
    this.jdbc = jdbc;
    this.errors = errors;
    this.node = node;
    this.notificationAttempts = notificationAttempts;
  }

  /** The record sync's state now. */
  public Report report() {
    Map<String, long[]> waiting = new HashMap<>();
    jdbc.query(
        "SELECT company_id, entity_set, COUNT(*) AS pending,"
            + " SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) AS failing"
            + " FROM bc_notification GROUP BY company_id, entity_set",
        rs -> {
          waiting.put(
              rs.getObject("company_id", UUID.class) + "/" + rs.getString("entity_set"),
              new long[] {rs.getLong("pending"), rs.getLong("failing")});
        });
    List<WatchedSetSync> sets =
        jdbc.query(
            "SELECT company_id, entity_set, reads_all, last_deletion_check_at FROM bc_watched_set"
                + " ORDER BY company_id, entity_set",
            (rs, row) -> {
              UUID company = rs.getObject("company_id", UUID.class);
              String set = rs.getString("entity_set");
              long[] counts = waiting.getOrDefault(company + "/" + set, new long[2]);
              return new WatchedSetSync(
                  company,
                  set,
                  rs.getBoolean("reads_all"),
                  rs.getObject("last_deletion_check_at", OffsetDateTime.class),
                  counts[0],
                  counts[1]);
            });
    InboxSync inbox =
        jdbc.queryForObject(
            "SELECT COUNT(*) AS pending, MIN(received_at) AS oldest,"
                + " SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) AS failing,"
                + " SUM(CASE WHEN attempts >= ? THEN 1 ELSE 0 END) AS gave_up"
                + " FROM bc_notification",
            (rs, row) ->
                new InboxSync(
                    rs.getLong("pending"),
                    rs.getObject("oldest", OffsetDateTime.class),
                    rs.getLong("failing"),
                    rs.getLong("gave_up")),
            notificationAttempts);
    return new Report(node, sets, inbox, errors.last());
  }
}
