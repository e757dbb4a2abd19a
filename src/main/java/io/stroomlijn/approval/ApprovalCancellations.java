package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventListener;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.flow.RunVariables;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * A canceled approval request ({@code Microsoft.NAV.cancelApprovalRequest}) ends the approval that
 * waits on it: its approvers' tasks disappear and the calling flow goes on with outcome Cancel. The
 * ERP has already canceled the request and its open entries.
 */
@Component
class ApprovalCancellations implements RecordEventListener, SmartInitializingSingleton {

  private final ErpConnector erp;
  private final RuntimeService runtime;

  ApprovalCancellations(ErpConnector erp, RuntimeService runtime) {
    this.erp = erp;
    this.runtime = runtime;
  }

  @Override
  public void afterSingletonsInstantiated() {
    erp.addRecordEventListener(this);
  }

  @Override
  public void onRecordEvents(List<RecordEvent> events) {
    for (RecordEvent event : events) {
      if (event.type() == RecordEventType.APPROVAL_CANCELED) {
        runtime
            .createMessageCorrelation(CANCELED_MESSAGE)
            .processInstanceVariableEquals(
                RunVariables.RECORD_ID.name(), RunVariables.RECORD_ID.stored(event.recordId()))
            .processInstanceVariableEquals(RunVariables.ENTITY_SET.name(), event.entitySet())
            .correlateAllWithResult();
      }
    }
  }
}
