package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.flow.RunVariables;
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
    boolean expired = Boolean.TRUE.equals(EXPIRED.fromLocalOrNull(execution));
    boolean approved = !expired && !Boolean.TRUE.equals(REJECTED.fromOrNull(execution));
    approvals.complete(
        RunVariables.COMPANY_ID.from(execution),
        RunVariables.ENTITY_SET.from(execution),
        RunVariables.RECORD_ID.from(execution),
        approved,
        "flow:" + PROCESS_KEY);
    OUTCOME.set(execution, approved ? APPROVE : REJECT);
  }
}
