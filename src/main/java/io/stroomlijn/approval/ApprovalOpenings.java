package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.erp.ApprovalRequest;
import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.erp.ErpApprovals.NewApprovalEntry;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.Record;
import io.stroomlijn.flow.RunVariable;
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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Opens an approval, the first step of the approval step: finds the approvers and opens an approval
 * entry for each in the ERP, or ends the approval at once: with outcome Cancel when the request was
 * canceled before the step ran, with Approve when the amount is within {@code approveUpTo}. Inputs
 * are checked here, after the request is known to be pending, so a canceled request ends whatever
 * its inputs say.
 */
@Component
class ApprovalOpenings {

  static final Duration DEFAULT_DUE_IN = Duration.ofDays(3);

  private final ErpApprovals approvals;
  private final ErpConnector erp;
  private final Approvers approvers;

  ApprovalOpenings(ErpApprovals approvals, ErpConnector erp, Approvers approvers) {
    this.approvals = approvals;
    this.erp = erp;
    this.approvers = approvers;
  }

  /**
   * The step's inputs, as the calling flow gave them; the text ones are checked by {@link #open}.
   *
   * @param task the step's id, for messages
   * @param company the record's company
   * @param entitySet the record's entity set
   * @param recordId the record's id
   * @param approvers who approves (see {@link Approvers})
   * @param approvalType {@code firstToRespond} or {@code everyone}
   * @param dueIn an ISO 8601 duration, or null for three days
   * @param approveUpTo the amount up to which no approver is needed, or null
   * @param escalate {@code true} or {@code false}, or null
   * @param remindBefore an ISO 8601 duration, or null for no reminder
   * @param approvalCode the flow that asks for the approval (Business Central's approval code)
   */
  record Inputs(
      String task,
      UUID company,
      String entitySet,
      UUID recordId,
      String approvers,
      String approvalType,
      String dueIn,
      String approveUpTo,
      String escalate,
      String remindBefore,
      String approvalCode) {}

  /** Opens the approval; returns the variables the step goes on with, in the order to set them. */
  Map<String, Object> open(Inputs in) {
    Map<String, Object> variables = new LinkedHashMap<>();
    Optional<ApprovalRequest> request =
        approvals.request(in.company(), in.entitySet(), in.recordId());
    if (request.filter(ApprovalRequest::pending).isEmpty()) {
      STILL_PENDING.putIn(variables, false);
      return OUTCOME.putIn(variables, CANCEL);
    }
    String type = in.approvalType();
    if (!type.equals(FIRST_TO_RESPOND_TYPE) && !type.equals(EVERYONE_TYPE)) {
      throw ActionInputs.problem(
          in.task(), APPROVAL_TYPE.name(), "'" + type + "' is not firstToRespond or everyone");
    }
    Duration dueIn = positive(in, DUE_IN, in.dueIn(), DEFAULT_DUE_IN);
    Record record = erp.get(in.company(), in.entitySet(), in.recordId());
    BigDecimal amount =
        record.get("totalAmountIncludingTax") instanceof BigDecimal total ? total : null;
    String requester = request.get().requestedBy();
    if (withinAutomaticApproval(in, amount)) {
      approvals.complete(in.company(), in.entitySet(), in.recordId(), true, "flow:" + PROCESS_KEY);
      STILL_PENDING.putIn(variables, false);
      OUTCOME.putIn(variables, APPROVE);
      return RESPONSES.putIn(variables, new ArrayList<>());
    }
    ZonedDateTime due =
        ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).plus(dueIn);

    List<String> approverIds = new ArrayList<>();
    Map<String, Object> entryIds = new LinkedHashMap<>();
    int sequence = 1;
    for (Approvers.Approver approver : approvers.resolve(approversOf(in), requester, amount)) {
      Record entry =
          approvals.openEntry(
              in.company(),
              new NewApprovalEntry(
                  in.entitySet(),
                  in.recordId(),
                  sequence++,
                  in.approvalCode(),
                  requester,
                  approver.userId(),
                  approver.approvalType(),
                  due.toLocalDate()),
              "flow:" + PROCESS_KEY);
      approverIds.add(approver.userId());
      entryIds.put(approver.userId(), entry.id().toString());
    }
    STILL_PENDING.putIn(variables, true);
    APPROVER_IDS.putIn(variables, approverIds);
    ENTRY_IDS.putIn(variables, entryIds);
    FIRST_TO_RESPOND.putIn(variables, type.equals(FIRST_TO_RESPOND_TYPE));
    DUE_DATE.putIn(variables, Date.from(due.toInstant()));
    putTimers(in, variables, due, dueIn);
    REJECTED.putIn(variables, false);
    RESPONSES.putIn(variables, new ArrayList<>());
    REQUESTED_BY.putIn(variables, requester);
    AMOUNT.putIn(variables, amount == null ? null : amount.doubleValue());
    return DOCUMENT_NUMBER.putIn(variables, record.getString("number"));
  }

  /**
   * When the step's timers fire. Without escalation the request expires (is rejected) at its due
   * date; with {@code escalate} the open requests go to each approver's approver at the due date
   * and expire one period later. A reminder goes {@code remindBefore} the due date. A timer that is
   * not wanted is set after the expiry, which ends the step first, so it never fires.
   */
  private static void putTimers(
      Inputs in, Map<String, Object> variables, ZonedDateTime due, Duration dueIn) {
    boolean escalate = ActionInputs.flag(in.task(), ESCALATE.name(), in.escalate(), false);
    ZonedDateTime expire = escalate ? due.plus(dueIn) : due;
    ZonedDateTime never = expire.plusDays(1);
    Duration remindBefore = positive(in, REMIND_BEFORE, in.remindBefore(), null);
    EXPIRE_AT.putIn(variables, Date.from(expire.toInstant()));
    ESCALATE_AT.putIn(variables, Date.from((escalate ? due : never).toInstant()));
    REMIND_AT.putIn(
        variables, Date.from((remindBefore == null ? never : due.minus(remindBefore)).toInstant()));
  }

  /** A duration input; a negative one would expire or remind before the request was sent. */
  private static Duration positive(
      Inputs in, RunVariable<String> input, String text, Duration fallback) {
    Duration duration = ActionInputs.duration(in.task(), input.name(), text, fallback);
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw ActionInputs.problem(
          in.task(), input.name(), "'" + duration + "' must be a positive duration such as P3D");
    }
    return duration;
  }

  /** Amounts up to {@code approveUpTo} need no approver (Business Central's approval limit). */
  private static boolean withinAutomaticApproval(Inputs in, BigDecimal amount) {
    String limit = in.approveUpTo();
    if (limit == null || amount == null) {
      return false;
    }
    try {
      return amount.compareTo(new BigDecimal(limit)) <= 0;
    } catch (NumberFormatException e) {
      throw ActionInputs.problem(
          in.task(), APPROVE_UP_TO.name(), "'" + limit + "' is not an amount");
    }
  }

  private static String approversOf(Inputs in) {
    if (in.approvers() == null || in.approvers().isBlank()) {
      throw ActionInputs.problem(in.task(), APPROVERS.name(), "is required");
    }
    return in.approvers().trim();
  }
}
