package io.stroomlijn.erp.businesscentral.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The receiver's durable inbox ({@code bc_notification}): notifications are stored before the
 * receiver answers, and stay until the transaction that turned them into record events deletes
 * them. Workers on any node claim due rows for a lease; a row whose lease ran out (its node died
 * while reading it) is due again.
 */
@Repository
public class NotificationInbox {

  private static final int MAX_ERROR = 1000;
  private static final String COLUMNS =
      "id, company_id, entity_set, change_type, resource, last_modified, received_at, attempts";

  private final JdbcTemplate jdbc;

  public NotificationInbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores notifications in the current transaction (or its own, when there is none). */
  public void store(List<Notification> notifications) {
    OffsetDateTime now = now();
    jdbc.batchUpdate(
        "INSERT INTO bc_notification (company_id, entity_set, change_type, resource,"
            + " last_modified, received_at) VALUES (?, ?, ?, ?, ?, ?)",
        notifications,
        notifications.size(),
        (insert, notification) -> {
          insert.setObject(1, notification.companyId());
          insert.setString(2, notification.entitySet());
          insert.setString(3, notification.changeType().label());
          insert.setString(4, notification.resource());
          insert.setObject(5, notification.lastModified());
          insert.setObject(6, now);
        });
  }

  /**
   * Claims up to {@code limit} due notifications, oldest first, for {@code lease}: each is claimed
   * by an UPDATE that succeeds only while nobody else holds it, so two nodes never read the same.
   */
  public List<Notification> claimDue(String node, int limit, Duration lease) {
    OffsetDateTime now = now();
    List<Long> candidates =
        jdbc.queryForList(
            "SELECT id FROM bc_notification WHERE (next_attempt_at IS NULL OR next_attempt_at <= ?)"
                + " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id LIMIT ?",
            Long.class,
            now,
            now,
            limit);
    List<Long> claimed =
        candidates.stream()
            .filter(
                id ->
                    jdbc.update(
                            "UPDATE bc_notification SET claimed_by = ?, claimed_until = ?"
                                + " WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)",
                            node,
                            now.plus(lease),
                            id,
                            now)
                        == 1)
            .toList();
    if (claimed.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM bc_notification WHERE claimed_by = ? AND id IN ("
            + String.join(", ", java.util.Collections.nCopies(claimed.size(), "?"))
            + ") ORDER BY id",
        (rs, row) ->
            new Notification(
                rs.getLong("id"),
                rs.getObject("company_id", java.util.UUID.class),
                rs.getString("entity_set"),
                ChangeType.of(rs.getString("change_type")).orElseThrow(),
                rs.getString("resource"),
                rs.getObject("last_modified", OffsetDateTime.class),
                rs.getObject("received_at", OffsetDateTime.class),
                rs.getInt("attempts")),
        java.util.stream.Stream.concat(java.util.stream.Stream.of(node), claimed.stream())
            .toArray());
  }

  /** Holds a claimed notification longer, while this node is still reading it. */
  public void extendClaim(long id, String node, OffsetDateTime until) {
    jdbc.update(
        "UPDATE bc_notification SET claimed_until = ? WHERE id = ? AND claimed_by = ?",
        until,
        id,
        node);
  }

  /** Removes a notification that was read; call it in the transaction that wrote its events. */
  public void done(long id) {
    jdbc.update("DELETE FROM bc_notification WHERE id = ?", id);
  }

  /** Gives a claimed notification back after a failed read, due again at {@code retryAt}. */
  public void failed(long id, String error, OffsetDateTime retryAt) {
    jdbc.update(
        "UPDATE bc_notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
            + " claimed_by = NULL, claimed_until = NULL WHERE id = ?",
        truncate(error),
        retryAt,
        id);
  }

  /**
   * Gives a claimed notification back without counting an attempt, due again at {@code at}: it
   * cannot be read yet (its set's first read is still running), or its worker is stopping.
   */
  public void postpone(long id, OffsetDateTime at) {
    jdbc.update(
        "UPDATE bc_notification SET next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL"
            + " WHERE id = ?",
        at,
        id);
  }

  /** How many notifications wait to be read. */
  public long pending() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM bc_notification", Long.class);
    return count == null ? 0 : count;
  }

  /** When the oldest waiting notification arrived. */
  public Optional<OffsetDateTime> oldestPending() {
    return Optional.ofNullable(
        jdbc.queryForObject("SELECT MIN(received_at) FROM bc_notification", OffsetDateTime.class));
  }

  private static String truncate(String error) {
    return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
