package io.stroomlijn.erp.businesscentral.webhooks;

import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The watched sets ({@code bc_watched_set}), as the subscription upkeep and the receiver use them.
 * Each statement commits on its own unless the caller runs it in a transaction: the upkeep keeps
 * none open while it asks Business Central.
 */
@ConditionalOnBusinessCentral
@Repository
public class WatchedSets {

  /** Longest text kept in {@code last_error}. */
  static final int MAX_ERROR = 1000;

  private static final int CLIENT_STATE_BYTES = 32;
  private static final String COLUMNS =
      "company_id, company_name, entity_set, client_state, subscription_id, subscription_etag,"
          + " expires_at, baseline_read_at, watermark, last_catch_up_at, catch_up_due,"
          + " last_notification_at, notifications, failures, last_error, last_error_at,"
          + " created_at";

  private final JdbcTemplate jdbc;
  private final SecureRandom random = new SecureRandom();

  public WatchedSets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every watched set, oldest first. */
  public List<WatchedSet> all() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM bc_watched_set ORDER BY created_at, entity_set, company_id",
        WatchedSets::row);
  }

  /** The watched sets with these client states (those that exist). */
  List<WatchedSet> withClientStates(Collection<String> clientStates) {
    if (clientStates.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM bc_watched_set WHERE client_state IN ("
            + String.join(", ", Collections.nCopies(clientStates.size(), "?"))
            + ")",
        WatchedSets::row,
        clientStates.toArray());
  }

  /**
   * Starts watching a set, with a fresh client state and no subscription yet (the record sync reads
   * its records first); false when it is watched already.
   */
  boolean insert(WatchedSet.Key key, String companyName) {
    try {
      jdbc.update(
          "INSERT INTO bc_watched_set (company_id, company_name, entity_set, client_state,"
              + " created_at) VALUES (?, ?, ?, ?, ?)",
          key.companyId(),
          companyName,
          key.entitySet(),
          newClientState(),
          now());
      return true;
    } catch (DuplicateKeyException watchedAlready) {
      return false;
    }
  }

  /** Keeps the company's current name. */
  void renameCompany(WatchedSet.Key key, String companyName) {
    jdbc.update(
        "UPDATE bc_watched_set SET company_name = ? WHERE company_id = ? AND entity_set = ?",
        companyName,
        key.companyId(),
        key.entitySet());
  }

  /**
   * Records a subscription that is new at Business Central (created, or found there after a lost
   * answer): a catch-up read is due, as changes since the last one may not have been notified.
   */
  void subscribed(WatchedSet.Key key, Subscription subscription) {
    jdbc.update(
        "UPDATE bc_watched_set SET subscription_id = ?, subscription_etag = ?, expires_at = ?,"
            + " catch_up_due = TRUE, failures = 0 WHERE company_id = ? AND entity_set = ?",
        subscription.id(),
        subscription.etag(),
        subscription.expiresAt(),
        key.companyId(),
        key.entitySet());
  }

  /** Records a renewal: the same subscription with a new etag and expiry. */
  void renewed(WatchedSet.Key key, Subscription subscription) {
    jdbc.update(
        "UPDATE bc_watched_set SET subscription_etag = ?, expires_at = ?, failures = 0"
            + " WHERE company_id = ? AND entity_set = ? AND subscription_id = ?",
        subscription.etag(),
        subscription.expiresAt(),
        key.companyId(),
        key.entitySet(),
        subscription.id());
  }

  /** Forgets a subscription that Business Central no longer has (or that was deleted). */
  void unsubscribed(WatchedSet.Key key) {
    jdbc.update(
        "UPDATE bc_watched_set SET subscription_id = NULL, subscription_etag = NULL,"
            + " expires_at = NULL WHERE company_id = ? AND entity_set = ?",
        key.companyId(),
        key.entitySet());
  }

  /** Counts a failed attempt at its subscription; {@code error} must hold no secret. */
  void failed(WatchedSet.Key key, String error) {
    jdbc.update(
        "UPDATE bc_watched_set SET failures = failures + 1, last_error = ?, last_error_at = ?"
            + " WHERE company_id = ? AND entity_set = ?",
        truncate(error),
        now(),
        key.companyId(),
        key.entitySet());
  }

  /** Says why it has no subscription although nothing failed (such as the limit). */
  void note(WatchedSet.Key key, String reason) {
    jdbc.update(
        "UPDATE bc_watched_set SET last_error = ?, last_error_at = ? WHERE company_id = ? AND"
            + " entity_set = ? AND (last_error IS NULL OR last_error <> ?)",
        truncate(reason),
        now(),
        key.companyId(),
        key.entitySet(),
        truncate(reason));
  }

  /** Counts notifications the receiver stored, in the receiver's transaction. */
  void notified(Map<WatchedSet.Key, Integer> counts, OffsetDateTime at) {
    List<Object[]> updates = new ArrayList<>();
    counts.forEach(
        (key, count) -> updates.add(new Object[] {at, count, key.companyId(), key.entitySet()}));
    jdbc.batchUpdate(
        "UPDATE bc_watched_set SET last_notification_at = ?, notifications = notifications + ?"
            + " WHERE company_id = ? AND entity_set = ?",
        updates);
  }

  /** Stops watching a set (the record sync removes what it kept of its records). */
  void delete(WatchedSet.Key key) {
    jdbc.update(
        "DELETE FROM bc_watched_set WHERE company_id = ? AND entity_set = ?",
        key.companyId(),
        key.entitySet());
  }

  /** 32 random bytes, URL-safe base64 without padding (43 characters). */
  private String newClientState() {
    byte[] bytes = new byte[CLIENT_STATE_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String truncate(String text) {
    return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
  }

  private static WatchedSet row(ResultSet rs, int row) throws SQLException {
    return new WatchedSet(
        rs.getObject("company_id", java.util.UUID.class),
        rs.getString("company_name"),
        rs.getString("entity_set"),
        rs.getString("client_state"),
        rs.getString("subscription_id"),
        rs.getString("subscription_etag"),
        rs.getObject("expires_at", OffsetDateTime.class),
        rs.getObject("baseline_read_at", OffsetDateTime.class),
        rs.getObject("watermark", OffsetDateTime.class),
        rs.getObject("last_catch_up_at", OffsetDateTime.class),
        rs.getBoolean("catch_up_due"),
        rs.getObject("last_notification_at", OffsetDateTime.class),
        rs.getLong("notifications"),
        rs.getInt("failures"),
        rs.getString("last_error"),
        rs.getObject("last_error_at", OffsetDateTime.class),
        rs.getObject("created_at", OffsetDateTime.class));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
