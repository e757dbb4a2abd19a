package io.stroomlijn.erp.embedded.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.embedded.schema.FieldValues;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Writes each change's event in the same transaction as the change itself: the event exists if and
 * only if the change committed, whatever happens to the process afterwards.
 */
@Repository
public class RecordEventOutbox {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public RecordEventOutbox(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Stores the event and returns its position in commit order. */
  public long append(RecordEvent event) {
    var keys = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO erp_record_event (event_id, company_id, entity_set, record_id,"
                      + " event_type, record_json, previous_record_json, changed_fields,"
                      + " changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"sequence"});
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
          return insert;
        },
        keys);
    Number sequence = keys.getKey();
    return sequence == null ? 0 : sequence.longValue();
  }

  private String toJson(Map<String, Object> record) {
    Map<String, Object> values = new LinkedHashMap<>();
    record.forEach((field, value) -> values.put(field, FieldValues.toJson(value)));
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a record event as JSON", e);
    }
  }
}
