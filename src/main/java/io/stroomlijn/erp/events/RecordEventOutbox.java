package io.stroomlijn.erp.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.RecordEventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table of record events. Each change's event is written in the same transaction as the change
 * itself, so it exists if and only if the change committed, whatever happens to the process
 * afterwards; the relay reads undelivered events from here in commit order.
 */
@Repository
public class RecordEventOutbox {

  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};
  private static final String COLUMNS =
      "sequence, event_id, company_id, entity_set, record_id, event_type, record_json,"
          + " previous_record_json, changed_fields, changed_by, changed_at, source";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public RecordEventOutbox(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /** Stores events of the current transaction, in the order given. */
  public void append(List<RecordEvent> events) {
    jdbc.batchUpdate(
        "INSERT INTO erp_record_event (event_id, company_id, entity_set, record_id, event_type,"
            + " record_json, previous_record_json, changed_fields, changed_by, changed_at,"
            + " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
        events.size(),
        (insert, event) -> {
          insert.setObject(1, event.eventId());
          insert.setObject(2, event.companyId());
          insert.setString(3, event.entitySet());
          insert.setObject(4, event.recordId());
          insert.setString(5, event.type().eventName());
          insert.setString(6, toJson(event.record()));
          insert.setString(
              7, event.previousRecord() == null ? null : toJson(event.previousRecord()));
          insert.setString(8, String.join(",", event.changedFields()));
          insert.setString(9, event.changedBy());
          insert.setObject(10, event.changedAt());
          insert.setString(11, event.source().label());
        });
  }

  /** Takes the relay lock until the transaction ends: one relay at a time delivers, on any node. */
  public void lockRelay() {
    jdbc.queryForList("SELECT id FROM erp_record_event_relay WHERE id = 1 FOR UPDATE");
  }

  /** The oldest undelivered events, in commit order. */
  public List<RecordEvent> undelivered(int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM erp_record_event WHERE delivered = FALSE"
            + " ORDER BY sequence LIMIT ?",
        (rs, row) -> read(rs),
        limit);
  }

  public void markDelivered(List<RecordEvent> events) {
    jdbc.batchUpdate(
        "UPDATE erp_record_event SET delivered = TRUE WHERE sequence = ?",
        events,
        events.size(),
        (update, event) -> update.setLong(1, event.sequence()));
  }

  private RecordEvent read(ResultSet rs) throws SQLException {
    String changed = rs.getString("changed_fields");
    String previous = rs.getString("previous_record_json");
    return new RecordEvent(
        rs.getObject("event_id", UUID.class),
        rs.getLong("sequence"),
        rs.getObject("company_id", UUID.class),
        rs.getString("entity_set"),
        rs.getObject("record_id", UUID.class),
        type(rs.getString("event_type")),
        fromJson(rs.getString("record_json")),
        previous == null ? null : fromJson(previous),
        changed.isEmpty() ? List.of() : Arrays.asList(changed.split(",")),
        rs.getString("changed_by"),
        rs.getObject("changed_at", OffsetDateTime.class),
        RecordEventSource.fromLabel(rs.getString("source")));
  }

  private static RecordEventType type(String eventName) {
    for (RecordEventType type : RecordEventType.values()) {
      if (type.eventName().equals(eventName)) {
        return type;
      }
    }
    throw new IllegalStateException("Unknown record event type " + eventName);
  }

  private String toJson(Map<String, Object> record) {
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a record event as JSON", e);
    }
  }

  private Map<String, Object> fromJson(String text) {
    try {
      return json.readValue(text, FIELDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read a record event's JSON", e);
    }
  }
}
