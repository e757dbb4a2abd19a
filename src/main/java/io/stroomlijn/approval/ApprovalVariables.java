package io.stroomlijn.approval;

import io.stroomlijn.flow.RunVariable;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The contract of the approval step (the process {@code StroomlijnApproval}, which the "Start and
 * wait for an approval" call activity runs): its key, element ids and message, its inputs, what it
 * keeps while it waits, and its outputs. The record it approves comes in as the run variables
 * {@code companyId}, {@code entitySet} and {@code recordId} ({@link
 * io.stroomlijn.flow.RunVariables}).
 */
final class ApprovalVariables {

  static final String PROCESS_KEY = "StroomlijnApproval";
  static final String RESPOND_TASK = "Task_Respond";
  static final String CANCELED_MESSAGE = "approval.canceled";

  // inputs, as the calling flow gives them
  static final RunVariable<String> APPROVERS = RunVariable.text("approvers");
  static final RunVariable<String> APPROVAL_TYPE = RunVariable.text("approvalType");
  static final RunVariable<String> DUE_IN = RunVariable.text("dueIn");
  static final RunVariable<String> TITLE = RunVariable.text("title");
  static final RunVariable<String> DETAILS = RunVariable.text("details");
  static final RunVariable<String> APPROVE_UP_TO = RunVariable.text("approveUpTo");
  static final RunVariable<String> REMIND_BEFORE = RunVariable.text("remindBefore");
  static final RunVariable<String> ESCALATE = RunVariable.text("escalate");
  static final RunVariable<String> NOTIFY_TEAMS = RunVariable.text("notifyTeams");

  // kept while waiting
  static final RunVariable<List<String>> APPROVER_IDS = RunVariable.jsonList("approverIds");
  static final RunVariable<Map<String, Object>> ENTRY_IDS = RunVariable.jsonObject("entryIds");
  static final RunVariable<Boolean> FIRST_TO_RESPOND = RunVariable.flag("firstToRespond");
  static final RunVariable<Date> DUE_DATE = RunVariable.date("dueDate");
  static final RunVariable<Date> REMIND_AT = RunVariable.date("remindAt");
  static final RunVariable<Date> ESCALATE_AT = RunVariable.date("escalateAt");
  static final RunVariable<Date> EXPIRE_AT = RunVariable.date("expireAt");
  static final RunVariable<Boolean> REJECTED = RunVariable.flag("rejected");
  static final RunVariable<String> REQUESTED_BY = RunVariable.text("requestedBy");
  static final RunVariable<Double> AMOUNT = RunVariable.number("amount");
  static final RunVariable<String> DOCUMENT_NUMBER = RunVariable.text("documentNumber");
  static final RunVariable<Boolean> STILL_PENDING = RunVariable.flag("stillPending");

  /** The approval entry of one approver's task (a variable of the task). */
  static final RunVariable<UUID> ENTRY_ID = RunVariable.guid("approvalEntryId");

  /** The input of the closing step that says the request expired. */
  static final RunVariable<Boolean> EXPIRED = RunVariable.flag("expired");

  // a response, as Tasklist's form or the approvals API gives it
  static final RunVariable<String> DECISION = RunVariable.text("decision");
  static final RunVariable<String> COMMENT = RunVariable.text("comment");

  // outputs
  static final RunVariable<String> OUTCOME = RunVariable.text("outcome");
  static final RunVariable<List<Map<String, Object>>> RESPONSES = RunVariable.jsonList("responses");

  static final String APPROVE = "Approve";
  static final String REJECT = "Reject";
  static final String CANCEL = "Cancel";
  static final String FIRST_TO_RESPOND_TYPE = "firstToRespond";
  static final String EVERYONE_TYPE = "everyone";

  private ApprovalVariables() {}
}
