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

  /** Changes whenever a deployment, deletion, suspension or activation happened. */
  private static final String FINGERPRINT =
      "SELECT (SELECT COUNT(*) FROM ACT_RE_PROCDEF) AS definitions,"
          + " (SELECT COALESCE(SUM(REV_), 0) FROM ACT_RE_PROCDEF) AS revisions,"
          + " (SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT) AS deployments,"
          + " (SELECT MAX(DEPLOY_TIME_) FROM ACT_RE_DEPLOYMENT) AS last_deployment";

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
    String version = jdbc.queryForList(FINGERPRINT).get(0).values().toString();
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
