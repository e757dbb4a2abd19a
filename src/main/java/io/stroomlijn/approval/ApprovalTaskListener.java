package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.connector.teams.TeamsChannels;
import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.flow.RunVariables;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The approver's task of an approval ({@code Task_Respond}): when it is created the approver gets
 * an email, and the task remembers its approval entry; when it is completed the response (Approve
 * or Reject, with a comment) goes to the entry in the ERP and to the run's {@code responses}, in
 * the name of whoever completed it (see {@link ApprovalCompletions}).
 */
@Component
class ApprovalTaskListener implements TaskListener {

  private final ErpApprovals approvals;
  private final ApprovalMails mails;
  private final TeamsChannels teams;

  ApprovalTaskListener(ErpApprovals approvals, ApprovalMails mails, TeamsChannels teams) {
    this.approvals = approvals;
    this.mails = mails;
    this.teams = teams;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task);
      case EVENTNAME_COMPLETE -> completed(task);
      default -> {}
    }
  }

  private void created(DelegateTask task) {
    Object entryId = ENTRY_IDS.from(task).get(task.getAssignee());
    ENTRY_ID.setLocal(task, ENTRY_ID.valueOf(entryId));
    task.setDueDate(DUE_DATE.fromOrNull(task));
    task.setName("Approve: " + TITLE.fromOrNull(task));
    mails.requestApproval(task.getId(), task.getAssignee(), task.getVariables());
    String channel = NOTIFY_TEAMS.fromOrNull(task);
    if (channel != null && !channel.isBlank()) {
      teams.notifyAfterCommit(
          channel.trim(),
          "Approval requested from **"
              + task.getAssignee()
              + "**: "
              + TITLE.fromOrNull(task)
              + " (requested by "
              + REQUESTED_BY.fromOrNull(task)
              + ")");
    }
  }

  private void completed(DelegateTask task) {
    ApprovalCompletions.ignoreAllButTheResponse(task);
    String decision = DECISION.fromOrNull(task);
    if (!APPROVE.equals(decision) && !REJECT.equals(decision)) {
      // Camunda's own "bad request" exception: the engine REST API answers it with 400.
      throw new BadUserRequestException(
          "decision: must be Approve or Reject, not '" + decision + "'");
    }
    UUID entryId = ENTRY_ID.fromLocalOrNull(task);
    List<Map<String, Object>> responses = RESPONSES.fromOrNull(task);
    if (entryId == null || responses == null) {
      // Read after another response ended the approval in a transaction committed meanwhile
      // (approve and reject at once): this completion fails, and the caller hears of a conflict.
      throw new OptimisticLockingException(
          "The approval request " + task.getId() + " was answered at the same time");
    }
    String comment = COMMENT.fromOrNull(task);
    String approver = ApprovalCompletions.responder(task);
    approvals.respond(
        RunVariables.COMPANY_ID.from(task),
        entryId,
        APPROVE.equals(decision) ? "Approved" : "Rejected",
        comment == null ? "" : comment.toString(),
        approver);
    List<Map<String, Object>> answered = new ArrayList<>(responses);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("approver", approver);
    response.put("decision", decision);
    response.put("comment", comment == null ? "" : comment.toString());
    response.put("respondedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
    answered.add(response);
    RESPONSES.set(task.getExecution(), answered);
    if (REJECT.equals(decision)) {
      REJECTED.set(task.getExecution(), true);
    }
    // A response is not a variable of the run; the next approver starts from a clean form.
    DECISION.remove(task.getExecution());
    COMMENT.remove(task.getExecution());
  }
}
