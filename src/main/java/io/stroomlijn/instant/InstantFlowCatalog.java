package io.stroomlijn.instant;

import io.stroomlijn.flow.DeployedFlows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConstraint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The instant flows: of each flow's latest version, the none start event with {@code
 * instant.entitySets}, its form fields as inputs. Read from a version's BPMN once; which versions
 * are latest and suspended comes from {@link DeployedFlows}.
 */
@Component
public class InstantFlowCatalog {

  public static final String ENTITY_SETS = "instant.entitySets";
  public static final String COMPANIES = "instant.companies";
  public static final String RESPONSE = "instant.response";
  static final String DEFAULT_RESPONSE = "responseMessage";
  private static final Logger log = LoggerFactory.getLogger(InstantFlowCatalog.class);

  private final DeployedFlows flows;
  private final Map<String, Optional<InstantFlow>> byDefinition = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot;

  InstantFlowCatalog(DeployedFlows flows) {
    this.flows = flows;
  }

  /** Every instant flow, by key. */
  public List<InstantFlow> all() {
    return List.copyOf(current().values());
  }

  /** The instant flow with this key, if there is one. */
  public Optional<InstantFlow> find(String key) {
    return Optional.ofNullable(current().get(key));
  }

  private Map<String, InstantFlow> current() {
    DeployedFlows.Latest latest = flows.latest();
    Snapshot cached = snapshot;
    if (cached != null && cached.version().equals(latest.version())) {
      return cached.flows();
    }
    Map<String, InstantFlow> byKey = new LinkedHashMap<>();
    latest.definitions().stream()
        .sorted(Comparator.comparing(ProcessDefinition::getKey))
        .forEach(
            definition ->
                byDefinition
                    .computeIfAbsent(definition.getId(), id -> read(definition))
                    .ifPresent(
                        flow ->
                            byKey.put(flow.key(), withSuspended(flow, definition.isSuspended()))));
    snapshot = new Snapshot(latest.version(), byKey);
    return byKey;
  }

  private record Snapshot(String version, Map<String, InstantFlow> flows) {}

  private static InstantFlow withSuspended(InstantFlow flow, boolean suspended) {
    return flow.suspended() == suspended
        ? flow
        : new InstantFlow(
            flow.key(),
            flow.definitionId(),
            flow.name(),
            flow.description(),
            flow.version(),
            suspended,
            flow.entitySets(),
            flow.companies(),
            flow.inputs(),
            flow.responseVariables());
  }

  private Optional<InstantFlow> read(ProcessDefinition definition) {
    BpmnModelInstance model = flows.model(definition);
    if (model == null) {
      return Optional.empty();
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      Map<String, String> properties = DeployedFlows.properties(start);
      if (!start.getEventDefinitions().isEmpty() || !properties.containsKey(ENTITY_SETS)) {
        continue;
      }
      try {
        return Optional.of(flow(definition, model, start, properties));
      } catch (IllegalArgumentException malformed) {
        log.warn(
            "Flow {} (version {}), start event {}: {}; it is not offered as an instant flow",
            definition.getKey(),
            definition.getVersion(),
            start.getId(),
            malformed.getMessage());
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private InstantFlow flow(
      ProcessDefinition definition,
      BpmnModelInstance model,
      StartEvent start,
      Map<String, String> properties) {
    Set<String> entitySets = list(properties.get(ENTITY_SETS));
    if (entitySets.isEmpty()) {
      throw new IllegalArgumentException(ENTITY_SETS + " names no entity set");
    }
    Set<UUID> companies = new LinkedHashSet<>();
    for (String company : list(properties.get(COMPANIES))) {
      try {
        companies.add(UUID.fromString(company));
      } catch (IllegalArgumentException notAGuid) {
        throw new IllegalArgumentException(
            COMPANIES + " '" + company + "' is not a company id (GUID)");
      }
    }
    Set<String> response = list(properties.get(RESPONSE));
    return new InstantFlow(
        definition.getKey(),
        definition.getId(),
        definition.getName() == null ? definition.getKey() : definition.getName(),
        description(model, definition),
        definition.getVersion(),
        definition.isSuspended(),
        Set.copyOf(entitySets),
        Set.copyOf(companies),
        inputs(definition, start),
        response.isEmpty() ? List.of(DEFAULT_RESPONSE) : List.copyOf(response));
  }

  private static String description(BpmnModelInstance model, ProcessDefinition definition) {
    if (model.getModelElementById(definition.getKey()) instanceof Process process) {
      String text =
          process.getDocumentations().stream()
              .map(Documentation::getTextContent)
              .filter(content -> content != null && !content.isBlank())
              .map(String::trim)
              .collect(Collectors.joining("\n"));
      if (!text.isEmpty()) {
        return text;
      }
    }
    return definition.getDescription();
  }

  private static List<FlowInput> inputs(ProcessDefinition definition, StartEvent start) {
    List<FlowInput> inputs = new ArrayList<>();
    ExtensionElements extensions = start.getExtensionElements();
    if (extensions == null) {
      return inputs;
    }
    for (CamundaFormData form : extensions.getChildElementsByType(CamundaFormData.class)) {
      for (CamundaFormField field : form.getCamundaFormFields()) {
        inputs.add(input(definition, field));
      }
    }
    return List.copyOf(inputs);
  }

  private static FlowInput input(ProcessDefinition definition, CamundaFormField field) {
    InputType type =
        InputType.of(field.getCamundaType())
            .orElseGet(
                () -> {
                  log.warn(
                      "Flow {}: input {} has type '{}', which instant flows take as text",
                      definition.getKey(),
                      field.getCamundaId(),
                      field.getCamundaType());
                  return InputType.STRING;
                });
    Map<String, String> constraints = new LinkedHashMap<>();
    if (field.getCamundaValidation() != null) {
      for (CamundaConstraint constraint : field.getCamundaValidation().getCamundaConstraints()) {
        constraints.put(constraint.getCamundaName(), constraint.getCamundaConfig());
      }
    }
    List<FlowInput.Option> options =
        type == InputType.ENUM
            ? field.getCamundaValues().stream()
                .map(
                    (CamundaValue value) ->
                        new FlowInput.Option(
                            value.getCamundaId(),
                            value.getCamundaName() == null
                                ? value.getCamundaId()
                                : value.getCamundaName()))
                .toList()
            : null;
    return new FlowInput(
        field.getCamundaId(),
        field.getCamundaLabel() == null ? field.getCamundaId() : field.getCamundaLabel(),
        type,
        field.getCamundaDefaultValue(),
        constraints.containsKey("required"),
        constraints.containsKey("readonly"),
        constraints.get("min"),
        constraints.get("max"),
        length(field, constraints.get("minlength")),
        length(field, constraints.get("maxlength")),
        options);
  }

  private static Integer length(CamundaFormField field, String config) {
    if (config == null || config.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(config.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "input "
              + field.getCamundaId()
              + " has a length limit '"
              + config
              + "' that is no number");
    }
  }

  private static Set<String> list(String text) {
    Set<String> items = new LinkedHashSet<>();
    if (text != null) {
      Arrays.stream(text.split(","))
          .map(String::trim)
          .filter(item -> !item.isEmpty())
          .forEach(items::add);
    }
    return items;
  }
}
