package io.stroomlijn.trigger;

import io.stroomlijn.erp.RecordEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The record of what each record event did to each flow, for diagnostics and exactly-once. */
@Repository
class TriggerLog {

  private static final int MAX_REASON = 4000;

  private final JdbcTemplate jdbc;

  TriggerLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes the outcomes of a batch of events, in the caller's transaction. */
  void write(List<HandledEvent> handled) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<RecordEvent> events = handled.stream().map(HandledEvent::event).toList();
    jdbc.batchUpdate(
        "INSERT INTO flow_trigger_event (event_id, event_sequence, company_id, entity_set,"
            + " record_id, event_type, changed_fields, changed_by, changed_at, handled_at,"
            + " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
        events.size(),
        (insert, event) -> {
          insert.setObject(1, event.eventId());
          insert.setLong(2, event.sequence());
          insert.setObject(3, event.companyId());
          insert.setString(4, event.entitySet());
          insert.setObject(5, event.recordId());
          insert.setString(6, event.type().eventName());
          insert.setString(7, String.join(",", event.changedFields()));
          insert.setString(8, event.changedBy());
          insert.setObject(9, event.changedAt());
          insert.setObject(10, now);
          insert.setString(11, event.source().label());
        });
    List<Object[]> outcomes = new ArrayList<>();
    handled.forEach(
        entry -> {
          RecordEvent event = entry.event();
          for (TriggerOutcome outcome : entry.outcomes()) {
            FlowTrigger trigger = outcome.trigger();
            outcomes.add(
                new Object[] {
                  event.eventId(),
                  trigger.flowKey(),
                  trigger.message().name(),
                  trigger.flowName(),
                  trigger.processDefinitionId(),
                  trigger.version(),
                  outcome.outcome().name(),
                  truncate(outcome.reason()),
                  outcome.runId()
                });
          }
        });
    if (!outcomes.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO flow_trigger_outcome (event_id, flow_key, message_name, flow_name,"
              + " process_definition_id, flow_version, outcome, reason, run_id)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          outcomes);
    }
  }

  /** The most recent events matching the filters (any may be null), newest first. */
  List<LoggedEvent> recent(String entitySet, UUID recordId, UUID companyId, int limit) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (entitySet != null) {
      conditions.add("entity_set = ?");
      parameters.add(entitySet);
    }
    if (recordId != null) {
      conditions.add("record_id = ?");
      parameters.add(recordId);
    }
    if (companyId != null) {
      conditions.add("company_id = ?");
      parameters.add(companyId);
    }
    parameters.add(limit);
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    Map<UUID, LoggedEvent> events = new LinkedHashMap<>();
    jdbc.query(
        "SELECT event_id, event_sequence, company_id, entity_set, record_id, event_type,"
            + " changed_fields, changed_by, changed_at, source FROM flow_trigger_event"
            + where
            + " ORDER BY event_sequence DESC LIMIT ?",
        rs -> {
          String changed = rs.getString("changed_fields");
          LoggedEvent event =
              new LoggedEvent(
                  rs.getObject("event_id", UUID.class),
                  rs.getLong("event_sequence"),
                  rs.getObject("company_id", UUID.class),
                  rs.getString("entity_set"),
                  rs.getObject("record_id", UUID.class),
                  rs.getString("event_type"),
                  changed.isEmpty() ? List.of() : List.of(changed.split(",")),
                  rs.getString("changed_by"),
                  rs.getObject("changed_at", OffsetDateTime.class),
                  rs.getString("source"),
                  new ArrayList<>());
          events.put(event.eventId(), event);
        },
        parameters.toArray());
    if (!events.isEmpty()) {
      jdbc.query(
          "SELECT event_id, flow_key, message_name, flow_name, flow_version, outcome, reason,"
              + " run_id FROM flow_trigger_outcome WHERE event_id IN ("
              + String.join(", ", java.util.Collections.nCopies(events.size(), "?"))
              + ") ORDER BY flow_key, message_name",
          rs -> {
            events
                .get(rs.getObject("event_id", UUID.class))
                .flows()
                .add(
                    new LoggedFlow(
                        rs.getString("flow_key"),
                        rs.getString("flow_name"),
                        rs.getInt("flow_version"),
                        rs.getString("message_name"),
                        rs.getString("outcome").toLowerCase(java.util.Locale.ROOT),
                        rs.getString("reason"),
                        rs.getString("run_id")));
          },
          events.keySet().toArray());
    }
    return List.copyOf(events.values());
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= MAX_REASON
        ? reason
        : reason.substring(0, MAX_REASON - 1) + "…";
  }

  /** An event and what it did to each flow listening to it, to be written. */
  record HandledEvent(RecordEvent event, List<TriggerOutcome> outcomes) {}

  /** One handled event and what it did to each listening flow. */
  record LoggedEvent(
      UUID eventId,
      long sequence,
      UUID companyId,
      String entitySet,
      UUID recordId,
      String eventType,
      List<String> changedFields,
      String changedBy,
      OffsetDateTime changedAt,
      String source,
      List<LoggedFlow> flows) {}

  /** What one event did to one flow. */
  record LoggedFlow(
      String flowKey,
      String flowName,
      int version,
      String messageName,
      String outcome,
      String reason,
      String runId) {}
}
