package io.stroomlijn.instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
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
    Status status,
    OffsetDateTime startedAt,
    OffsetDateTime endedAt,
    @JsonIgnore String startedBy,
    List<WaitingTask> waitingAt,
    String failure,
    Map<String, Object> response) {

  /** Where a run is. */
  public enum Status {
    /** Running, or waiting for a job, timer or message. */
    RUNNING("running"),
    /** Waiting for a person at a user task. */
    WAITING("waiting"),
    /** Stopped by an incident (a failed step out of retries). */
    FAILED("failed"),
    /** Suspended by an operator. */
    SUSPENDED("suspended"),
    COMPLETED("completed"),
    /** Cancelled by an operator. */
    CANCELED("canceled");

    private final String value;

    Status(String value) {
      this.value = value;
    }

    @JsonValue
    public String value() {
      return value;
    }

    /** Whether a caller waiting for the run can stop waiting. */
    public boolean settled() {
      return this != RUNNING;
    }
  }

  /** A user task a run waits at. */
  public record WaitingTask(String taskId, String name, String assignee) {}
}
