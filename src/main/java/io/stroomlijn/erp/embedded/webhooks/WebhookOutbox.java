package io.stroomlijn.erp.embedded.webhooks;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notifications waiting to be sent, and who sends them. Changes are appended in the relay's
 * transaction; a node sends a subscription's due changes only after claiming the subscription in
 * the database (a conditional UPDATE, so of several nodes exactly one wins), and deletes exactly
 * the rows it delivered.
 */
@Repository
class WebhookOutbox {

  private final JdbcTemplate jdbc;

  WebhookOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A change waiting for its window to close. */
  record PendingChange(
      String subscriptionId,
      UUID recordId,
      ChangeType type,
      OffsetDateTime modifiedAt,
      OffsetDateTime dueAt) {}

  /** The due changes of one subscription that share a window: how many records, since when. */
  record Window(OffsetDateTime dueAt, long records, OffsetDateTime earliest, long lastId) {}

  /** A stored change of a window. */
  record StoredChange(UUID recordId, ChangeType type, OffsetDateTime modifiedAt) {}

  /** Whether a node's last send to a subscription failed, and since when. */
  record Failures(int attempts, OffsetDateTime since) {}

  void append(List<PendingChange> changes) {
    jdbc.batchUpdate(
        "INSERT INTO erp_webhook_change (subscription_id, record_id, change_type, modified_at,"
            + " due_at) VALUES (?, ?, ?, ?, ?)",
        changes,
        changes.size(),
        (insert, change) -> {
          insert.setString(1, change.subscriptionId());
          insert.setObject(2, change.recordId());
          insert.setString(3, change.type().json());
          insert.setObject(4, change.modifiedAt());
          insert.setObject(5, change.dueAt());
        });
  }

  /** The due time of each subscription's window that is still gathering changes at {@code now}. */
  Map<String, OffsetDateTime> openWindows(OffsetDateTime now) {
    Map<String, OffsetDateTime> open = new HashMap<>();
    jdbc.query(
        "SELECT subscription_id, MAX(due_at) AS due_at FROM erp_webhook_change WHERE due_at > ?"
            + " GROUP BY subscription_id",
        rs -> {
          open.put(rs.getString("subscription_id"), rs.getObject("due_at", OffsetDateTime.class));
        },
        now);
    return open;
  }

  /** Unexpired subscriptions with due changes that no node is sending and none waits to retry. */
  List<String> dueSubscriptions(OffsetDateTime now, int limit) {
    return jdbc.queryForList(
        "SELECT s.id FROM erp_webhook_subscription s WHERE s.expiration_date_time > ?"
            + " AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?)"
            + " AND (s.claimed_until IS NULL OR s.claimed_until < ?)"
            + " AND EXISTS (SELECT 1 FROM erp_webhook_change c WHERE c.subscription_id = s.id"
            + " AND c.due_at <= ?) ORDER BY s.id LIMIT ?",
        String.class,
        now,
        now,
        now,
        now,
        limit);
  }

  /** Claims a subscription for {@code node} until {@code until}; false when another node has it. */
  boolean claim(String subscriptionId, String node, OffsetDateTime now, OffsetDateTime until) {
    return jdbc.update(
            "UPDATE erp_webhook_subscription SET claimed_by = ?, claimed_until = ?"
                + " WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)",
            node,
            until,
            subscriptionId,
            now)
        == 1;
  }

  /** The due windows of a subscription, oldest first. */
  List<Window> dueWindows(String subscriptionId, OffsetDateTime now) {
    return jdbc.query(
        "SELECT due_at, COUNT(DISTINCT record_id) AS records, MIN(modified_at) AS earliest,"
            + " MAX(id) AS last_id FROM erp_webhook_change WHERE subscription_id = ?"
            + " AND due_at <= ? GROUP BY due_at ORDER BY due_at",
        (rs, row) ->
            new Window(
                rs.getObject("due_at", OffsetDateTime.class),
                rs.getLong("records"),
                rs.getObject("earliest", OffsetDateTime.class),
                rs.getLong("last_id")),
        subscriptionId,
        now);
  }

  /** The changes of a window, in commit order. */
  List<StoredChange> changes(String subscriptionId, Window window) {
    return jdbc.query(
        "SELECT record_id, change_type, modified_at FROM erp_webhook_change"
            + " WHERE subscription_id = ? AND due_at = ? AND id <= ? ORDER BY id",
        (rs, row) ->
            new StoredChange(
                rs.getObject("record_id", UUID.class),
                ChangeType.of(rs.getString("change_type")),
                rs.getObject("modified_at", OffsetDateTime.class)),
        subscriptionId,
        window.dueAt(),
        window.lastId());
  }

  /** Removes a window's changes as they were read (any that joined it later stay). */
  void remove(String subscriptionId, Window window) {
    jdbc.update(
        "DELETE FROM erp_webhook_change WHERE subscription_id = ? AND due_at = ? AND id <= ?",
        subscriptionId,
        window.dueAt(),
        window.lastId());
  }

  /** Removes the waiting changes of expired subscriptions: those are not notified. */
  int removeExpired(OffsetDateTime now) {
    return jdbc.update(
        "DELETE FROM erp_webhook_change WHERE subscription_id IN"
            + " (SELECT id FROM erp_webhook_subscription WHERE expiration_date_time <= ?)",
        now);
  }

  Failures failures(String subscriptionId) {
    return jdbc
        .query(
            "SELECT failed_attempts, first_failure_at FROM erp_webhook_subscription WHERE id = ?",
            (rs, row) ->
                new Failures(
                    rs.getInt("failed_attempts"),
                    rs.getObject("first_failure_at", OffsetDateTime.class)),
            subscriptionId)
        .stream()
        .findFirst()
        .orElse(new Failures(0, null));
  }

  /** The send succeeded: no failures, and the claim is given back. */
  void delivered(String subscriptionId, String node) {
    jdbc.update(
        "UPDATE erp_webhook_subscription SET failed_attempts = 0, first_failure_at = NULL,"
            + " next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL"
            + " WHERE id = ? AND claimed_by = ?",
        subscriptionId,
        node);
  }

  /** The send failed and is retried at {@code nextAttempt}; the claim is given back. */
  void failed(
      String subscriptionId,
      String node,
      int attempts,
      OffsetDateTime since,
      OffsetDateTime nextAttempt) {
    jdbc.update(
        "UPDATE erp_webhook_subscription SET failed_attempts = ?, first_failure_at = ?,"
            + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL"
            + " WHERE id = ? AND claimed_by = ?",
        attempts,
        since,
        nextAttempt,
        subscriptionId,
        node);
  }

  /** Gives the claim back without changing anything else (nothing was sent). */
  void release(String subscriptionId, String node) {
    jdbc.update(
        "UPDATE erp_webhook_subscription SET claimed_by = NULL, claimed_until = NULL"
            + " WHERE id = ? AND claimed_by = ?",
        subscriptionId,
        node);
  }
}
