package io.stroomlijn.instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stroomlijn.flow.RunStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One run of an instant flow as its starter sees it.
 *
 * @param runId the run's id, also the process instance's business key
 * @param flowKey the flow
 * @param flowVersion the version that runs
 * @param processInstanceId the process instance, to find the run in Cockpit or {@code /engine-rest}
 * @param status where the run is
 * @param startedAt when it started
 * @param endedAt when it ended, if it did
 * @param startedBy who started it
 * @param waitingAt the user tasks it waits at
 * @param failure the message of the incident that stopped it, if one did
 * @param response the variables the flow marked as its response ({@code instant.response})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstantRun(
    String runId,
    String flowKey,
    Integer flowVersion,
    String processInstanceId,
    RunStatus status,
    OffsetDateTime startedAt,
    OffsetDateTime endedAt,
    @JsonIgnore String startedBy,
    List<WaitingTask> waitingAt,
    String failure,
    Map<String, Object> response) {

  /** A user task a run waits at. */
  public record WaitingTask(String taskId, String name, String assignee) {}
}
