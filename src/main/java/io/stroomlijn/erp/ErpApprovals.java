package io.stroomlijn.erp;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * The ERP side of approvals, for the approval step of flows: the request a record is waiting on,
 * Business Central's approval entries (one per approver), and the outcome, which releases a
 * document or returns it to Open.
 */
public interface ErpApprovals {

  /** The record's latest approval request, if it ever had one. */
  Optional<ApprovalRequest> request(UUID companyId, String entitySet, UUID recordId);

  /**
   * Adds an Open approval entry for an approver of a pending request.
   *
   * @return the entry, as the {@code approvalEntries} API shows it
   */
  Record openEntry(UUID companyId, NewApprovalEntry entry, String changedBy);

  /** Records an approver's response (Approved or Rejected) and comment on an entry. */
  Record respond(UUID companyId, UUID entryId, String status, String comment, String changedBy);

  /** Passes an entry to another approver (delegation to a substitute). */
  Record reassign(UUID companyId, UUID entryId, String approver, String changedBy);

  /**
   * Ends a pending request: approved releases a document, rejected returns it to Open; the entries
   * still open are canceled.
   */
  void complete(
      UUID companyId, String entitySet, UUID recordId, boolean approved, String changedBy);

  /**
   * What a new entry says.
   *
   * @param entitySet the entity set of the record to approve
   * @param recordId the record
   * @param sequenceNumber the approver's place in the request
   * @param approvalCode the flow asking
   * @param senderUserName who requested the approval
   * @param approverUserName who is to approve
   * @param approvalType Approver, Workflow User Group or Sales Pers./Purchaser
   * @param dueDate when a response is due
   */
  record NewApprovalEntry(
      String entitySet,
      UUID recordId,
      int sequenceNumber,
      String approvalCode,
      String senderUserName,
      String approverUserName,
      String approvalType,
      LocalDate dueDate) {}
}
