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
 * @param company {@code trigger.company} given as an id: only changes in this company start it;
 *     null means any
 * @param companyName {@code trigger.company} given as a name (such as {@code CRONUS NL}): only
 *     changes in the company of that name start it; null means none was given by name
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
    UUID company,
    String companyName) {

  public FlowTrigger {
    watchedFields = Set.copyOf(watchedFields);
  }

  /** Whether changes in this company (by id and name) may start the flow. */
  public boolean coversCompany(UUID companyId, java.util.function.Supplier<String> companyNameOf) {
    if (company != null) {
      return company.equals(companyId);
    }
    return companyName == null || companyName.equals(companyNameOf.get());
  }

  /** The company filter, for messages; null when there is none. */
  public String companyFilter() {
    return company != null ? company.toString() : companyName;
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
        company,
        companyName);
  }
}
