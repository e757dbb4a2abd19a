package io.stroomlijn.approval;

/**
 * The variables of the approval step (the process {@code StroomlijnApproval}, which the "Start and
 * wait for an approval" call activity runs): its inputs, what it keeps while it waits, and its
 * outputs.
 */
final class ApprovalVariables {

  static final String PROCESS_KEY = "StroomlijnApproval";
  static final String RESPOND_TASK = "Task_Respond";
  static final String CANCELED_MESSAGE = "approval.canceled";

  // inputs
  static final String COMPANY_ID = "companyId";
  static final String ENTITY_SET = "entitySet";
  static final String RECORD_ID = "recordId";
  static final String APPROVERS = "approvers";
  static final String APPROVAL_TYPE = "approvalType";
  static final String DUE_IN = "dueIn";
  static final String TITLE = "title";
  static final String DETAILS = "details";
  static final String APPROVE_UP_TO = "approveUpTo";
  static final String REMIND_BEFORE = "remindBefore";
  static final String ESCALATE = "escalate";
  static final String NOTIFY_TEAMS = "notifyTeams";

  // kept while waiting
  static final String APPROVER_IDS = "approverIds";
  static final String ENTRY_IDS = "entryIds";
  static final String FIRST_TO_RESPOND = "firstToRespond";
  static final String DUE_DATE = "dueDate";
  static final String REMIND_AT = "remindAt";
  static final String ESCALATE_AT = "escalateAt";
  static final String EXPIRE_AT = "expireAt";
  static final String REJECTED = "rejected";
  static final String REQUESTED_BY = "requestedBy";
  static final String AMOUNT = "amount";
  static final String DOCUMENT_NUMBER = "documentNumber";
  static final String STILL_PENDING = "stillPending";
  static final String ENTRY_ID = "approvalEntryId";

  // a response, as Tasklist's form or the approvals API gives it
  static final String DECISION = "decision";
  static final String COMMENT = "comment";

  // outputs
  static final String OUTCOME = "outcome";
  static final String RESPONSES = "responses";

  static final String APPROVE = "Approve";
  static final String REJECT = "Reject";
  static final String CANCEL = "Cancel";
  static final String FIRST_TO_RESPOND_TYPE = "firstToRespond";
  static final String EVERYONE_TYPE = "everyone";

  private ApprovalVariables() {}
}
