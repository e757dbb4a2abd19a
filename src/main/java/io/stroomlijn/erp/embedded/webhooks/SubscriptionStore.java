package io.stroomlijn.erp.embedded.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The table of webhook subscriptions. */
@Repository
class SubscriptionStore {

  private static final String COLUMNS =
      "id, notification_url, resource, company_id, entity_set, client_state, user_id,"
          + " expiration_date_time, created_at, created_by, modified_at, modified_by, row_version";

  private final JdbcTemplate jdbc;

  SubscriptionStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Subscription subscription) {
    jdbc.update(
        "INSERT INTO erp_webhook_subscription ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        subscription.id(),
        subscription.notificationUrl(),
        subscription.resource(),
        subscription.target().companyId(),
        subscription.target().entitySet(),
        subscription.clientState(),
        subscription.userId(),
        subscription.expirationDateTime(),
        subscription.createdAt(),
        subscription.createdBy(),
        subscription.modifiedAt(),
        subscription.modifiedBy(),
        subscription.version());
  }

  /**
   * Stores a renewal unless someone changed the subscription since {@code previousVersion} was
   * read; returns whether it did. A renewal also ends any retry backoff.
   */
  boolean update(Subscription renewed, long previousVersion) {
    return jdbc.update(
            "UPDATE erp_webhook_subscription SET notification_url = ?, resource = ?,"
                + " company_id = ?, entity_set = ?, client_state = ?, expiration_date_time = ?,"
                + " modified_at = ?, modified_by = ?, row_version = ?, failed_attempts = 0,"
                + " first_failure_at = NULL, next_attempt_at = NULL"
                + " WHERE id = ? AND row_version = ?",
            renewed.notificationUrl(),
            renewed.resource(),
            renewed.target().companyId(),
            renewed.target().entitySet(),
            renewed.clientState(),
            renewed.expirationDateTime(),
            renewed.modifiedAt(),
            renewed.modifiedBy(),
            renewed.version(),
            renewed.id(),
            previousVersion)
        == 1;
  }

  boolean delete(String id) {
    return jdbc.update("DELETE FROM erp_webhook_subscription WHERE id = ?", id) == 1;
  }

  Optional<Subscription> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM erp_webhook_subscription WHERE id = ?",
            (rs, row) -> read(rs),
            id)
        .stream()
        .findFirst();
  }

  /** All subscriptions, or those of one user, oldest first. */
  List<Subscription> list(String userId) {
    String sql = "SELECT " + COLUMNS + " FROM erp_webhook_subscription";
    if (userId == null) {
      return jdbc.query(sql + " ORDER BY created_at, id", (rs, row) -> read(rs));
    }
    return jdbc.query(
        sql + " WHERE user_id = ? ORDER BY created_at, id", (rs, row) -> read(rs), userId);
  }

  /** Subscriptions that have not expired at {@code now}. */
  List<Subscription> active(OffsetDateTime now) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM erp_webhook_subscription WHERE expiration_date_time > ?",
        (rs, row) -> read(rs),
        now);
  }

  long countActive(OffsetDateTime now) {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM erp_webhook_subscription WHERE expiration_date_time > ?",
            Long.class,
            now);
    return count == null ? 0 : count;
  }

  private static Subscription read(ResultSet rs) throws SQLException {
    return new Subscription(
        rs.getString("id"),
        rs.getString("notification_url"),
        rs.getString("resource"),
        new SubscribedResource(rs.getObject("company_id", UUID.class), rs.getString("entity_set")),
        rs.getString("client_state"),
        rs.getString("user_id"),
        rs.getObject("expiration_date_time", OffsetDateTime.class),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getString("created_by"),
        rs.getObject("modified_at", OffsetDateTime.class),
        rs.getString("modified_by"),
        rs.getLong("row_version"));
  }
}
