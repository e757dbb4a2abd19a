package io.stroomlijn.instant;

import io.stroomlijn.flow.ParsedProperties;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * An instant flow runs on the record a user picked under Automate ({@code /api/flows/instant}):
 * started by hand in Tasklist it would have no record and fail at once, so Tasklist does not offer
 * it, whatever its BPMN says.
 */
@Component
class InstantStartEvents extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new NotStartableInTasklist());
  }

  private static final class NotStartableInTasklist extends AbstractBpmnParseListener {

    @Override
    public void parseStartEvent(Element startEvent, ScopeImpl scope, ActivityImpl activity) {
      if (ParsedProperties.of(startEvent).containsKey(InstantFlowCatalog.ENTITY_SETS)
          && activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition) {
        definition.setStartableInTasklist(false);
      }
    }
  }
}
