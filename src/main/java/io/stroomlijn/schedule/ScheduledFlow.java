package io.stroomlijn.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stroomlijn.flow.RunStatus;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A flow with a timer start event, as {@code GET /api/flows/scheduled} shows it.
 *
 * @param key the process key
 * @param name the process name
 * @param version the latest version, whose timers run
 * @param suspended whether the flow is switched off (its timers do not fire)
 * @param timeZone the zone its cron expressions and local dates are read in
 * @param timers its timer start events
 * @param lastRun its latest run started by a timer, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduledFlow(
    String key,
    String name,
    int version,
    boolean suspended,
    String timeZone,
    List<Timer> timers,
    LastRun lastRun) {

  /**
   * One timer start event.
   *
   * @param startEventId the start event
   * @param type {@code cycle} (cron or {@code R/}), {@code date} or {@code duration}
   * @param expression the expression as written in the BPMN
   * @param nextRunAt when it fires next; absent when it will not fire again
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Timer(
      String startEventId, String type, String expression, OffsetDateTime nextRunAt) {}

  /**
   * A run a timer started.
   *
   * @param processInstanceId the run
   * @param startedAt when it started
   * @param endedAt when it ended, if it did
   * @param status where the run is
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LastRun(
      String processInstanceId,
      OffsetDateTime startedAt,
      OffsetDateTime endedAt,
      RunStatus status) {}
}
