package io.stroomlijn.instant;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A flow a user can run on a selected record: the latest version of a process whose none start
 * event has {@code instant.entitySets}.
 *
 * @param key the process key, which the run API names the flow by
 * @param definitionId the process definition of the latest version
 * @param name the process name (the key when it has none)
 * @param description the process documentation
 * @param version the version number
 * @param suspended whether the flow is switched off
 * @param entitySets the entity sets it runs on; {@code *} for every one
 * @param companies the companies it runs in; empty for every one
 * @param inputs what the user fills in
 * @param responseVariables the variables a waiting caller gets back ({@code instant.response})
 */
public record InstantFlow(
    String key,
    String definitionId,
    String name,
    String description,
    int version,
    boolean suspended,
    Set<String> entitySets,
    Set<UUID> companies,
    List<FlowInput> inputs,
    List<String> responseVariables) {

  public static final String ANY_ENTITY_SET = "*";

  /** Whether the flow is offered on records of this entity set. */
  public boolean runsOn(String entitySet) {
    return entitySets.contains(ANY_ENTITY_SET) || entitySets.contains(entitySet);
  }

  /** Whether the flow is offered in this company. */
  public boolean runsIn(UUID companyId) {
    return companies.isEmpty() || companies.contains(companyId);
  }
}
