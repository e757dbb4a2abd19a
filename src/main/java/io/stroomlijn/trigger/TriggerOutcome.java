package io.stroomlijn.trigger;

/**
 * What one record event did to one flow listening to it.
 *
 * @param trigger the flow's trigger
 * @param outcome started, skipped or failed
 * @param reason why it was skipped or failed; null when it started
 * @param runId the run (process instance) it started; null otherwise
 */
record TriggerOutcome(FlowTrigger trigger, Outcome outcome, String reason, String runId) {

  /** The three ways a trigger can end. */
  enum Outcome {
    /** A run started. */
    STARTED,
    /** The flow did not want this event: condition false, field not watched, and so on. */
    SKIPPED,
    /** The flow should have started but could not: its condition or its start failed. */
    FAILED
  }

  static TriggerOutcome started(FlowTrigger trigger, String runId) {
    return new TriggerOutcome(trigger, Outcome.STARTED, null, runId);
  }

  static TriggerOutcome skipped(FlowTrigger trigger, String reason) {
    return new TriggerOutcome(trigger, Outcome.SKIPPED, reason, null);
  }

  static TriggerOutcome failed(FlowTrigger trigger, String reason) {
    return new TriggerOutcome(trigger, Outcome.FAILED, reason, null);
  }
}
