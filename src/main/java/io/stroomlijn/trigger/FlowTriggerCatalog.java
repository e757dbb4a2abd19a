package io.stroomlijn.trigger;

import io.stroomlijn.flow.DeployedFlows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The record triggers of the deployed flows: the message start events named {@code erp.*} of each
 * flow's latest version, and none start events with {@code trigger.entitySet} and {@code
 * trigger.event}. A flow version's triggers never change, so they are read from its BPMN once;
 * which versions are latest and suspended is asked of {@link DeployedFlows} on every {@link
 * #current()}.
 */
@Component
public class FlowTriggerCatalog {

  public static final String CONDITION = "trigger.condition";
  public static final String FIELDS = "trigger.fields";
  public static final String COMPANY = "trigger.company";
  public static final String ENTITY_SET = "trigger.entitySet";
  public static final String EVENT = "trigger.event";
  private static final Logger log = LoggerFactory.getLogger(FlowTriggerCatalog.class);

  private final DeployedFlows flows;
  private final Map<String, List<FlowTrigger>> byDefinition = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot;

  public FlowTriggerCatalog(DeployedFlows flows) {
    this.flows = flows;
  }

  /** The triggers of the latest version of every flow, with their suspension state now. */
  public Triggers current() {
    DeployedFlows.Latest latest = flows.latest();
    Snapshot cached = snapshot;
    if (cached != null && cached.version().equals(latest.version())) {
      return cached.triggers();
    }
    Triggers triggers = load(latest);
    snapshot = new Snapshot(latest.version(), triggers);
    return triggers;
  }

  private record Snapshot(String version, Triggers triggers) {}

  private Triggers load(DeployedFlows.Latest latest) {
    List<FlowTrigger> all = new ArrayList<>();
    for (ProcessDefinition definition : latest.definitions()) {
      for (FlowTrigger trigger :
          byDefinition.computeIfAbsent(definition.getId(), id -> read(definition))) {
        all.add(trigger.withSuspended(definition.isSuspended()));
      }
    }
    return new Triggers(all);
  }

  private List<FlowTrigger> read(ProcessDefinition definition) {
    BpmnModelInstance model = flows.model(definition);
    List<FlowTrigger> triggers = new ArrayList<>();
    if (model == null) {
      return triggers;
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getEventDefinitions().isEmpty()) {
        declaredByProperties(definition, start).ifPresent(triggers::add);
        continue;
      }
      for (MessageEventDefinition message :
          start.getChildElementsByType(MessageEventDefinition.class)) {
        if (message.getMessage() == null) {
          continue;
        }
        try {
          TriggerMessage.parse(message.getMessage().getName())
              .ifPresent(parsed -> triggers.add(trigger(definition, start, parsed)));
        } catch (IllegalArgumentException malformed) {
          log.warn(
              "Flow {} (version {}), start event {}: {}; it will not start on record events",
              definition.getKey(),
              definition.getVersion(),
              start.getId(),
              malformed.getMessage());
        }
      }
    }
    return triggers;
  }

  /**
   * A none start event made a trigger by {@code trigger.entitySet} and {@code trigger.event}, as
   * the "When a record is ..." element templates write it (Camunda 7 templates cannot set a message
   * name). It starts the flow the way a none start event does.
   */
  private Optional<FlowTrigger> declaredByProperties(
      ProcessDefinition definition, StartEvent start) {
    Map<String, String> properties = DeployedFlows.properties(start);
    String entitySet = blankToNull(properties.get(ENTITY_SET));
    String event = blankToNull(properties.get(EVENT));
    if (entitySet == null || event == null) {
      return Optional.empty();
    }
    try {
      return TriggerMessage.parse(TriggerMessage.PREFIX + entitySet + "." + event)
          .map(message -> trigger(definition, start, message, false));
    } catch (IllegalArgumentException malformed) {
      log.warn(
          "Flow {} (version {}), start event {}: {}; it will not start on record events",
          definition.getKey(),
          definition.getVersion(),
          start.getId(),
          malformed.getMessage());
      return Optional.empty();
    }
  }

  private FlowTrigger trigger(
      ProcessDefinition definition, StartEvent start, TriggerMessage message) {
    return trigger(definition, start, message, true);
  }

  private FlowTrigger trigger(
      ProcessDefinition definition, StartEvent start, TriggerMessage message, boolean byMessage) {
    Map<String, String> properties = DeployedFlows.properties(start);
    String company = properties.get(COMPANY);
    return new FlowTrigger(
        definition.getId(),
        definition.getKey(),
        definition.getName() == null ? definition.getKey() : definition.getName(),
        definition.getVersion(),
        definition.isSuspended(),
        message,
        byMessage,
        start.getId(),
        blankToNull(properties.get(CONDITION)),
        fields(properties.get(FIELDS)),
        companyId(company),
        companyId(company) == null ? blankToNull(company) : null);
  }

  /** {@code trigger.company} as a company id, or null when it is empty or a company name. */
  private static UUID companyId(String company) {
    if (company == null || company.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(company.trim());
    } catch (IllegalArgumentException aName) {
      return null;
    }
  }

  private static Set<String> fields(String list) {
    Set<String> fields = new LinkedHashSet<>();
    if (list != null) {
      Arrays.stream(list.split(","))
          .map(String::trim)
          .filter(f -> !f.isEmpty())
          .forEach(fields::add);
    }
    return fields;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  /** A snapshot of the triggers, looked up by entity set and event. */
  public static final class Triggers {
    private final Map<String, List<FlowTrigger>> byMessage = new HashMap<>();
    private final List<FlowTrigger> all;

    Triggers(Collection<FlowTrigger> triggers) {
      this.all = List.copyOf(triggers);
      for (FlowTrigger trigger : triggers) {
        String key = TriggerMessage.of(trigger.message().entitySet(), trigger.message().event());
        byMessage.computeIfAbsent(key, k -> new ArrayList<>()).add(trigger);
      }
      byMessage
          .values()
          .forEach(
              list ->
                  list.sort(
                      Comparator.comparing(FlowTrigger::flowKey)
                          .thenComparing(trigger -> trigger.message().name())));
    }

    /** Every trigger, suspended ones included. */
    public List<FlowTrigger> all() {
      return all;
    }

    /** The triggers listening to an entity set's event, in a stable order. */
    public List<FlowTrigger> listeningTo(
        String entitySet, io.stroomlijn.erp.RecordEventType event) {
      return byMessage.getOrDefault(TriggerMessage.of(entitySet, event), List.of());
    }
  }
}
