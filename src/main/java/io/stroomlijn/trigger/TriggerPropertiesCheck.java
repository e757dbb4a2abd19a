package io.stroomlijn.trigger;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.flow.ParsedProperties;
import java.util.Map;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Refuses, at deployment, a start event whose record trigger cannot work: an unknown entity set or
 * event, only one of {@code trigger.entitySet} and {@code trigger.event}, or a {@code
 * trigger.condition} that is not an expression. Every deployment goes through the engine's BPMN
 * parse ({@code /engine-rest}, {@code processes/}, flow templates), which fails with a parse error
 * naming the start event and the property, instead of a flow that silently never starts. A flow
 * with a record trigger is not startable in Tasklist.
 */
@Component
class TriggerPropertiesCheck extends AbstractProcessEnginePlugin {

  private final ObjectProvider<ErpConnector> erp;

  TriggerPropertiesCheck(ObjectProvider<ErpConnector> erp) {
    this.erp = erp;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new Listener(configuration));
  }

  private final class Listener extends AbstractBpmnParseListener {

    private final ProcessEngineConfigurationImpl configuration;

    Listener(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public void parseStartEvent(Element startEvent, ScopeImpl scope, ActivityImpl activity) {
      Map<String, String> properties = ParsedProperties.of(startEvent);
      String entitySet = blankToNull(properties.get(FlowTriggerCatalog.ENTITY_SET));
      String event = blankToNull(properties.get(FlowTriggerCatalog.EVENT));
      if (entitySet == null && event == null) {
        return;
      }
      String id = activity.getId();
      if (entitySet == null || event == null) {
        throw refused(
            startEvent,
            id,
            entitySet == null ? FlowTriggerCatalog.ENTITY_SET : FlowTriggerCatalog.EVENT,
            "is missing: a record trigger needs both trigger.entitySet and trigger.event");
      }
      try {
        TriggerMessage.parse(TriggerMessage.PREFIX + entitySet + "." + event);
      } catch (IllegalArgumentException unknownEvent) {
        throw refused(
            startEvent,
            id,
            FlowTriggerCatalog.EVENT,
            "'"
                + event
                + "' is not an event: use created, modified, deleted, posted, approvalRequested"
                + " or approvalCanceled");
      }
      ErpConnector connector = erp.getIfAvailable();
      if (entitySet.contains(".") || connector != null && !connector.knowsEntitySet(entitySet)) {
        throw refused(
            startEvent,
            id,
            FlowTriggerCatalog.ENTITY_SET,
            "'" + entitySet + "' is not an entity set of the ERP (such as vendors, salesInvoices)");
      }
      String condition = blankToNull(properties.get(FlowTriggerCatalog.CONDITION));
      if (condition != null) {
        try {
          ExpressionManager expressions = configuration.getExpressionManager();
          expressions.createExpression(condition);
        } catch (RuntimeException malformed) {
          throw refused(
              startEvent,
              id,
              FlowTriggerCatalog.CONDITION,
              "'" + condition + "' is not an expression: " + malformed.getMessage());
        }
      }
      // Only a record event gives such a flow its record: started by hand in Tasklist it would
      // fail at once, so Tasklist does not offer it.
      notStartableByHand(activity);
    }
  }

  /** Keeps Tasklist from offering the activity's flow, whatever its BPMN says. */
  static void notStartableByHand(ActivityImpl activity) {
    if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition) {
      definition.setStartableInTasklist(false);
    }
  }

  private static BpmnParseException refused(
      Element element, String id, String property, String problem) {
    return new BpmnParseException(
        "Start event " + id + ", property " + property + ": " + problem, element);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
