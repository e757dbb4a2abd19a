package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.flow.RunVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of an approval: reads the step's inputs and opens the approval ({@link
 * ApprovalOpenings}), which finds the approvers and opens an approval entry for each in the ERP.
 */
@Component
class OpenApprovalDelegate implements JavaDelegate {

  private final ApprovalOpenings openings;

  OpenApprovalDelegate(ApprovalOpenings openings) {
    this.openings = openings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariables(
        openings.open(
            new ApprovalOpenings.Inputs(
                execution.getCurrentActivityId(),
                ActionInputs.guid(execution, RunVariables.COMPANY_ID.name()),
                ActionInputs.text(execution, RunVariables.ENTITY_SET.name()),
                ActionInputs.guid(execution, RunVariables.RECORD_ID.name()),
                APPROVERS.fromOrNull(execution),
                ActionInputs.optionalText(execution, APPROVAL_TYPE.name(), FIRST_TO_RESPOND_TYPE),
                ActionInputs.optionalText(execution, DUE_IN.name(), null),
                ActionInputs.optionalText(execution, APPROVE_UP_TO.name(), null),
                ActionInputs.optionalText(execution, ESCALATE.name(), null),
                ActionInputs.optionalText(execution, REMIND_BEFORE.name(), null),
                approvalCode(execution))));
  }

  /** The flow that asks for the approval (Business Central's approval code): its key. */
  private static String approvalCode(DelegateExecution execution) {
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    String definition =
        caller == null ? execution.getProcessDefinitionId() : caller.getProcessDefinitionId();
    return definition.split(":")[0];
  }
}
