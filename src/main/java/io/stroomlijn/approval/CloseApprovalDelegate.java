package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.erp.ErpApprovals;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Last step of an approval: the outcome. Approved when nobody rejected (and, with input {@code
 * expired}, never: the due date passed without enough responses). The ERP releases or reopens the
 * record and cancels the entries still open.
 */
@Component
class CloseApprovalDelegate implements JavaDelegate {

  private final ErpApprovals approvals;

  CloseApprovalDelegate(ErpApprovals approvals) {
    this.approvals = approvals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean expired = Boolean.TRUE.equals(execution.getVariableLocal("expired"));
    boolean approved = !expired && !Boolean.TRUE.equals(execution.getVariable(REJECTED));
    approvals.complete(
        UUID.fromString(execution.getVariable(COMPANY_ID).toString()),
        execution.getVariable(ENTITY_SET).toString(),
        UUID.fromString(execution.getVariable(RECORD_ID).toString()),
        approved,
        "flow:" + PROCESS_KEY);
    execution.setVariable(OUTCOME, approved ? APPROVE : REJECT);
  }
}
