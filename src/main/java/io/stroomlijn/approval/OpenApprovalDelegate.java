package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.erp.ApprovalRequest;
import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.erp.ErpApprovals.NewApprovalEntry;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.flow.RunVariables;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * First step of an approval: finds the approvers and opens an approval entry for each in the ERP. A
 * request canceled before the step ran ends the approval at once with outcome Cancel.
 */
@Component
class OpenApprovalDelegate implements JavaDelegate {

  private final ErpApprovals approvals;
  private final ErpConnector erp;
  private final Approvers approvers;

  OpenApprovalDelegate(ErpApprovals approvals, ErpConnector erp, Approvers approvers) {
    this.approvals = approvals;
    this.erp = erp;
    this.approvers = approvers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID company = ActionInputs.guid(execution, RunVariables.COMPANY_ID.name());
    String entitySet = ActionInputs.text(execution, RunVariables.ENTITY_SET.name());
    UUID recordId = ActionInputs.guid(execution, RunVariables.RECORD_ID.name());
    Optional<ApprovalRequest> request = approvals.request(company, entitySet, recordId);
    if (request.filter(ApprovalRequest::pending).isEmpty()) {
      STILL_PENDING.set(execution, false);
      OUTCOME.set(execution, CANCEL);
      return;
    }
    String type = ActionInputs.optionalText(execution, APPROVAL_TYPE.name(), FIRST_TO_RESPOND_TYPE);
    if (!type.equals(FIRST_TO_RESPOND_TYPE) && !type.equals(EVERYONE_TYPE)) {
      throw ActionInputs.problem(
          execution, APPROVAL_TYPE.name(), "'" + type + "' is not firstToRespond or everyone");
    }
    Duration dueIn = positive(execution, DUE_IN.name(), Duration.ofDays(3));
    Record record = erp.get(company, entitySet, recordId);
    BigDecimal amount =
        record.get("totalAmountIncludingTax") instanceof BigDecimal total ? total : null;
    String requester = request.get().requestedBy();
    if (withinAutomaticApproval(execution, amount)) {
      approvals.complete(company, entitySet, recordId, true, "flow:" + PROCESS_KEY);
      STILL_PENDING.set(execution, false);
      OUTCOME.set(execution, APPROVE);
      RESPONSES.set(execution, new ArrayList<>());
      return;
    }
    ZonedDateTime due =
        ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).plus(dueIn);

    List<String> approverIds = new ArrayList<>();
    Map<String, Object> entryIds = new LinkedHashMap<>();
    int sequence = 1;
    for (Approvers.Approver approver :
        approvers.resolve(ActionInputs.text(execution, APPROVERS.name()), requester, amount)) {
      Record entry =
          approvals.openEntry(
              company,
              new NewApprovalEntry(
                  entitySet,
                  recordId,
                  sequence++,
                  approvalCode(execution),
                  requester,
                  approver.userId(),
                  approver.approvalType(),
                  due.toLocalDate()),
              "flow:" + PROCESS_KEY);
      approverIds.add(approver.userId());
      entryIds.put(approver.userId(), entry.id().toString());
    }
    STILL_PENDING.set(execution, true);
    APPROVER_IDS.set(execution, approverIds);
    ENTRY_IDS.set(execution, entryIds);
    FIRST_TO_RESPOND.set(execution, type.equals(FIRST_TO_RESPOND_TYPE));
    DUE_DATE.set(execution, Date.from(due.toInstant()));
    setTimers(execution, due, dueIn);
    REJECTED.set(execution, false);
    RESPONSES.set(execution, new ArrayList<>());
    REQUESTED_BY.set(execution, requester);
    AMOUNT.set(execution, amount == null ? null : amount.doubleValue());
    DOCUMENT_NUMBER.set(execution, record.getString("number"));
  }

  /**
   * When the step's timers fire. Without escalation the request expires (is rejected) at its due
   * date; with {@code escalate} the open requests go to each approver's approver at the due date
   * and expire one period later. A reminder goes {@code remindBefore} the due date. A timer that is
   * not wanted is set after the expiry, which ends the step first, so it never fires.
   */
  private static void setTimers(DelegateExecution execution, ZonedDateTime due, Duration dueIn) {
    boolean escalate = ActionInputs.optionalFlag(execution, ESCALATE.name(), false);
    ZonedDateTime expire = escalate ? due.plus(dueIn) : due;
    ZonedDateTime never = expire.plusDays(1);
    Duration remindBefore = positive(execution, REMIND_BEFORE.name(), null);
    EXPIRE_AT.set(execution, Date.from(expire.toInstant()));
    ESCALATE_AT.set(execution, Date.from((escalate ? due : never).toInstant()));
    REMIND_AT.set(
        execution, Date.from((remindBefore == null ? never : due.minus(remindBefore)).toInstant()));
  }

  /** A duration input; a negative one would expire or remind before the request was sent. */
  private static Duration positive(DelegateExecution execution, String input, Duration fallback) {
    Duration duration = ActionInputs.optionalDuration(execution, input, fallback);
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw ActionInputs.problem(
          execution, input, "'" + duration + "' must be a positive duration such as P3D");
    }
    return duration;
  }

  /** Amounts up to {@code approveUpTo} need no approver (Business Central's approval limit). */
  private static boolean withinAutomaticApproval(DelegateExecution execution, BigDecimal amount) {
    String limit = ActionInputs.optionalText(execution, APPROVE_UP_TO.name(), null);
    if (limit == null || amount == null) {
      return false;
    }
    try {
      return amount.compareTo(new BigDecimal(limit)) <= 0;
    } catch (NumberFormatException e) {
      throw ActionInputs.problem(
          execution, APPROVE_UP_TO.name(), "'" + limit + "' is not an amount");
    }
  }

  /** The flow that asks for the approval (Business Central's approval code): its key. */
  private static String approvalCode(DelegateExecution execution) {
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    String definition =
        caller == null ? execution.getProcessDefinitionId() : caller.getProcessDefinitionId();
    return definition.split(":")[0];
  }
}
