package io.stroomlijn.trigger;

import java.util.Set;
import java.util.UUID;

/**
 * One start event of a deployed flow that reacts to record events, with its {@code trigger.*}
 * properties.
 *
 * @param processDefinitionId the flow version it belongs to
 * @param flowKey the flow's process key
 * @param flowName the flow's name, or its key when it has none
 * @param version the flow's version
 * @param suspended whether the flow is suspended (it then does not start)
 * @param message the trigger's message name, entity set and event
 * @param byMessage whether it is a message start event (else a none start event declared by {@code
 *     trigger.entitySet} and {@code trigger.event}, started as such)
 * @param startEventId the id of the start event
 * @param condition {@code trigger.condition}, a JUEL boolean expression, or null
 * @param watchedFields {@code trigger.fields}: a modification starts the flow only if one of them
 *     changed; empty means any change
 * @param company {@code trigger.company}: only changes in this company start it; null means any
 */
public record FlowTrigger(
    String processDefinitionId,
    String flowKey,
    String flowName,
    int version,
    boolean suspended,
    TriggerMessage message,
    boolean byMessage,
    String startEventId,
    String condition,
    Set<String> watchedFields,
    UUID company) {

  public FlowTrigger {
    watchedFields = Set.copyOf(watchedFields);
  }

  /** The same trigger with the flow's current suspension state. */
  FlowTrigger withSuspended(boolean isSuspended) {
    return new FlowTrigger(
        processDefinitionId,
        flowKey,
        flowName,
        version,
        isSuspended,
        message,
        byMessage,
        startEventId,
        condition,
        watchedFields,
        company);
  }
}
