package io.stroomlijn.flow;

import io.stroomlijn.security.SystemCalls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The latest version of every deployed flow, for the catalogs of triggers, instant flows and
 * schedules. Asking costs one small query: the list is re-read from the engine only when a
 * deployment, deletion, suspension or activation changed it, and a version's BPMN is parsed once (a
 * deployed version never changes).
 */
@Component
public class DeployedFlows {

  /**
   * Every definition's id and revision: a deployment or deletion changes the ids, a suspension or
   * activation the revision. A few hundred short rows, read from memory.
   */
  private static final String VERSIONS = "SELECT ID_, REV_ FROM ACT_RE_PROCDEF";

  private final RepositoryService repository;
  private final JdbcTemplate jdbc;
  private final SystemCalls system;
  private final Map<String, BpmnModelInstance> models = new ConcurrentHashMap<>();
  private volatile Latest latest;

  public DeployedFlows(RepositoryService repository, JdbcTemplate jdbc, SystemCalls system) {
    this.repository = repository;
    this.jdbc = jdbc;
    this.system = system;
  }

  /**
   * The latest versions now. {@link Latest#version()} changes whenever the list may have, so a
   * caller can keep what it derived from one list until the version moves.
   */
  public Latest latest() {
    String version = fingerprint();
    Latest cached = latest;
    if (cached != null && cached.version().equals(version)) {
      return cached;
    }
    // Every flow, whoever asks: the list is shared by all callers.
    Latest fresh =
        new Latest(
            version,
            system.run(() -> repository.createProcessDefinitionQuery().latestVersion().list()));
    latest = fresh;
    return fresh;
  }

  private String fingerprint() {
    long[] hash = {17, 0};
    jdbc.query(
        VERSIONS,
        row -> {
          // Order-independent: the sum and count of the rows' hashes.
          hash[0] += (row.getString(1) + "#" + row.getInt(2)).hashCode() * 0x9E3779B97F4A7C15L;
          hash[1]++;
        });
    return hash[1] + ":" + Long.toHexString(hash[0]);
  }

  /** The parsed BPMN of one flow version, or null when it has none. */
  public BpmnModelInstance model(ProcessDefinition definition) {
    return models.computeIfAbsent(
        definition.getId(),
        id -> system.run(() -> repository.getBpmnModelInstance(definition.getId())));
  }

  /** The {@code camunda:property} entries of an element, by name. */
  public static Map<String, String> properties(BaseElement element) {
    Map<String, String> properties = new HashMap<>();
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return properties;
    }
    for (CamundaProperties group : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : group.getCamundaProperties()) {
        properties.put(property.getCamundaName(), property.getCamundaValue());
      }
    }
    return properties;
  }

  /** The latest version of every flow, as of one moment. */
  public record Latest(String version, List<ProcessDefinition> definitions) {
    public Latest {
      definitions = List.copyOf(definitions);
    }
  }
}
