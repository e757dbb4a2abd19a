package io.stroomlijn.approval;

import io.stroomlijn.erp.ApprovalPolicy;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.trigger.FlowTrigger;
import io.stroomlijn.trigger.FlowTriggerCatalog;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Documents must be approved before posting when an active flow starts on their {@code
 * approvalRequested} event in that company, as an enabled approval workflow does in Business
 * Central. Switching the flow off (suspending it) lifts the requirement.
 */
@Component
class ApprovalFlowsPolicy implements ApprovalPolicy {

  private final FlowTriggerCatalog triggers;
  private final ErpConnector erp;

  ApprovalFlowsPolicy(FlowTriggerCatalog triggers, @Lazy ErpConnector erp) {
    this.triggers = triggers;
    this.erp = erp;
  }

  @Override
  public boolean requiresApproval(UUID companyId, String entitySet) {
    for (FlowTrigger trigger :
        triggers.current().listeningTo(entitySet, RecordEventType.APPROVAL_REQUESTED)) {
      if (!trigger.suspended()
          && trigger.coversCompany(companyId, () -> erp.companyName(companyId).orElse(null))) {
        return true;
      }
    }
    return false;
  }
}
