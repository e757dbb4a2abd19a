package io.stroomlijn.approval;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The approval step's hooks in the engine: the check of its inputs at deployment ({@link
 * ApprovalInputsCheck}) and what a completion of an approver's task may change ({@link
 * ApprovalCompletions}).
 */
@Component
class ApprovalEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new ApprovalInputsCheck());
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getCommandCheckers().add(ApprovalCompletions.snapshotting());
  }
}
