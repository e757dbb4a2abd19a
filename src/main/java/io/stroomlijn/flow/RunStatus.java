package io.stroomlijn.flow;

import com.fasterxml.jackson.annotation.JsonValue;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/** Where a flow run is, as the flows API shows it. */
public enum RunStatus {
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

  RunStatus(String value) {
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

  /**
   * The status a historic process instance's state gives; a terminate end event counts as
   * completed. Whether a running run waits at a user task or is stopped by an incident the state
   * does not tell: that is for the caller to refine.
   */
  public static RunStatus of(HistoricProcessInstance run) {
    return switch (run.getState()) {
      case HistoricProcessInstance.STATE_COMPLETED,
          HistoricProcessInstance.STATE_INTERNALLY_TERMINATED ->
          COMPLETED;
      case HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED -> CANCELED;
      case HistoricProcessInstance.STATE_SUSPENDED -> SUSPENDED;
      default -> RUNNING;
    };
  }
}
