package io.stroomlijn.erp.businesscentral.sync;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last version Stroomlijn saw of each record of a watched set ({@code bc_seen_record}): where
 * old values come from and what makes a change count once. A deleted record stays as a tombstone
 * whose {@code last_modified} is when its deletion was seen.
 */
final class SeenRecords {

  /** Records locked per statement; a page of 1,000 takes two. */
  private static final int LOCK_CHUNK = 500;

  /**
   * One seen record.
   *
   * @param lastModified the version's modification time; for a tombstone when the deletion was seen
   */
  record SeenRecord(
      UUID id,
      OffsetDateTime lastModified,
      String etag,
      Map<String, Object> fields,
      boolean deleted) {}

  private final JdbcTemplate jdbc;
  private final RecordVersions versions;

  SeenRecords(JdbcTemplate jdbc, RecordVersions versions) {
    this.jdbc = jdbc;
    this.versions = versions;
  }

  /**
   * The seen records among {@code ids}, locked until the transaction ends, in id order so that two
   * transactions locking overlapping pages wait for each other instead of deadlocking.
   */
  Map<UUID, SeenRecord> lock(UUID companyId, String entitySet, Collection<UUID> ids) {
    List<UUID> sorted = new ArrayList<>(new java.util.TreeSet<>(ids));
    Map<UUID, SeenRecord> seen = new HashMap<>();
    for (int from = 0; from < sorted.size(); from += LOCK_CHUNK) {
      List<UUID> chunk = sorted.subList(from, Math.min(sorted.size(), from + LOCK_CHUNK));
      List<Object> arguments = new ArrayList<>();
      arguments.add(companyId);
      arguments.add(entitySet);
      arguments.addAll(chunk);
      jdbc.query(
          "SELECT record_id, last_modified, etag, record_json, deleted FROM bc_seen_record"
              + " WHERE company_id = ? AND entity_set = ? AND record_id IN ("
              + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ") ORDER BY record_id FOR UPDATE",
          rs -> {
            UUID id = rs.getObject("record_id", UUID.class);
            seen.put(
                id,
                new SeenRecord(
                    id,
                    rs.getObject("last_modified", OffsetDateTime.class),
                    rs.getString("etag"),
                    versions.read(rs.getString("record_json")),
                    rs.getBoolean("deleted")));
          },
          arguments.toArray());
    }
    return seen;
  }

  /** Adds records not seen before; a record another transaction added first fails the batch. */
  void insert(UUID companyId, String entitySet, List<SeenRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "INSERT INTO bc_seen_record (company_id, entity_set, record_id, last_modified, etag,"
            + " record_json, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)",
        records,
        records.size(),
        (insert, record) -> {
          insert.setObject(1, companyId);
          insert.setString(2, entitySet);
          insert.setObject(3, record.id());
          insert.setObject(4, record.lastModified());
          insert.setString(5, record.etag());
          insert.setString(6, versions.write(record.fields()));
          insert.setBoolean(7, record.deleted());
        });
  }

  /** Replaces records locked by {@link #lock}. */
  void update(UUID companyId, String entitySet, List<SeenRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "UPDATE bc_seen_record SET last_modified = ?, etag = ?, record_json = ?, deleted = ?"
            + " WHERE company_id = ? AND entity_set = ? AND record_id = ?",
        records,
        records.size(),
        (update, record) -> {
          update.setObject(1, record.lastModified());
          update.setString(2, record.etag());
          update.setString(3, versions.write(record.fields()));
          update.setBoolean(4, record.deleted());
          update.setObject(5, companyId);
          update.setString(6, entitySet);
          update.setObject(7, record.id());
        });
  }

  /** The ids of the set's records seen and not deleted. */
  List<UUID> liveIds(UUID companyId, String entitySet) {
    return jdbc.queryForList(
        "SELECT record_id FROM bc_seen_record WHERE company_id = ? AND entity_set = ?"
            + " AND deleted = FALSE",
        UUID.class,
        companyId,
        entitySet);
  }

  /** Forgets a set, before its first read starts again. */
  void forget(UUID companyId, String entitySet) {
    jdbc.update(
        "DELETE FROM bc_seen_record WHERE company_id = ? AND entity_set = ?", companyId, entitySet);
  }

  /** Forgets the records of sets that are no longer watched; returns how many. */
  int forgetUnwatched() {
    return jdbc.update(
        "DELETE FROM bc_seen_record WHERE NOT EXISTS (SELECT 1 FROM bc_watched_set w"
            + " WHERE w.company_id = bc_seen_record.company_id"
            + " AND w.entity_set = bc_seen_record.entity_set)");
  }

  /** Removes tombstones of deletions seen before {@code before}; returns how many. */
  int forgetDeletedBefore(OffsetDateTime before) {
    return jdbc.update(
        "DELETE FROM bc_seen_record WHERE deleted = TRUE AND last_modified < ?", before);
  }
}
