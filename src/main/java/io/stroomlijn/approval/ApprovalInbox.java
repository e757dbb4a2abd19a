package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.flow.VariableLimits;
import io.stroomlijn.security.Caller;
import io.stroomlijn.security.SystemCalls;
import io.stroomlijn.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Business Central's "Requests to Approve" for the approvals API: the caller's open approval tasks,
 * and their responses. Only the assigned approver (or the substitute it was delegated to) may
 * respond; a request that was already answered or ended answers 409.
 */
@Service
class ApprovalInbox {

  private static final int ATTEMPTS = 3;

  private final TaskService tasks;
  private final HistoryService history;
  private final SystemCalls system;
  private final Approvers approvers;
  private final ErpApprovals approvals;
  private final ErpConnector erp;
  private final ApprovalMails mails;

  ApprovalInbox(
      TaskService tasks,
      HistoryService history,
      SystemCalls system,
      Approvers approvers,
      ErpApprovals approvals,
      ErpConnector erp,
      ApprovalMails mails) {
    this.tasks = tasks;
    this.history = history;
    this.system = system;
    this.approvers = approvers;
    this.approvals = approvals;
    this.erp = erp;
    this.mails = mails;
  }

  List<Map<String, Object>> openFor(Caller caller) {
    return system.run(
        () ->
            tasks
                .createTaskQuery()
                .processDefinitionKey(PROCESS_KEY)
                .taskDefinitionKey(RESPOND_TASK)
                .taskAssignee(caller.userId())
                .orderByTaskCreateTime()
                .asc()
                .list()
                .stream()
                .map(this::describe)
                .toList());
  }

  /** One open request, described as in the list; empty when it is no longer open. */
  Optional<Map<String, Object>> open(String taskId) {
    return system.run(
        () ->
            Optional.ofNullable(
                    tasks
                        .createTaskQuery()
                        .taskId(taskId)
                        .processDefinitionKey(PROCESS_KEY)
                        .singleResult())
                .map(this::describe));
  }

  Map<String, Object> respond(Caller caller, String taskId, String decision, String comment) {
    if (comment != null && comment.length() > VariableLimits.MAX_TEXT_LENGTH) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "InvalidComment",
          "comment",
          "The comment is longer than " + VariableLimits.MAX_TEXT_LENGTH + " characters.");
    }
    return system.run(
        () -> {
          Task task = assignedTo(caller, taskId);
          VariableMap variables = Variables.createVariables();
          DECISION.putIn(variables, decision);
          COMMENT.putIn(variables, comment == null ? "" : comment);
          ApprovalCompletions.respondAs(
              caller.userId(),
              () -> {
                completeWithRetry(task.getId(), variables);
                return null;
              });
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("id", taskId);
          answer.put("decision", decision);
          answer.put("respondedBy", caller.userId());
          return answer;
        });
  }

  Map<String, Object> delegate(Caller caller, String taskId, String comment) {
    return system.run(
        () -> {
          Task task = assignedTo(caller, taskId);
          String substitute = approvers.substituteOf(task.getAssignee());
          if (substitute == null) {
            throw new ApiException(
                HttpStatus.CONFLICT,
                "NoSubstitute",
                "id",
                "User '"
                    + task.getAssignee()
                    + "' has no substitute to delegate to: set stroomlijn.approvals.users."
                    + task.getAssignee()
                    + ".substitute");
          }
          Map<String, Object> variables = tasks.getVariables(task.getId());
          approvals.reassign(
              RunVariables.COMPANY_ID.from(variables),
              ENTRY_ID.valueOf(tasks.getVariableLocal(task.getId(), ENTRY_ID.name())),
              substitute,
              caller.userId());
          tasks.setAssignee(task.getId(), substitute);
          if (comment != null && !comment.isBlank()) {
            tasks.createComment(task.getId(), task.getProcessInstanceId(), comment);
          }
          mails.requestApproval(task.getId(), substitute, variables);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("id", taskId);
          answer.put("delegatedTo", substitute);
          return answer;
        });
  }

  /** The open task, if the caller is its approver: 404, 409 or 403 otherwise. */
  private Task assignedTo(Caller caller, String taskId) {
    Task task =
        tasks.createTaskQuery().taskId(taskId).processDefinitionKey(PROCESS_KEY).singleResult();
    if (task == null) {
      boolean existed =
          history
                  .createHistoricTaskInstanceQuery()
                  .taskId(taskId)
                  .processDefinitionKey(PROCESS_KEY)
                  .count()
              > 0;
      if (existed) {
        throw new ApiException(
            HttpStatus.CONFLICT,
            "AlreadyAnswered",
            "id",
            "The approval request " + taskId + " was already answered or has ended.");
      }
      throw new ApiException(
          HttpStatus.NOT_FOUND, "NotFound", "id", "There is no approval request " + taskId + ".");
    }
    if (!caller.userId().equals(task.getAssignee())) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "NotYourApproval",
          "id",
          "The approval request " + taskId + " is assigned to another approver.");
    }
    return task;
  }

  /**
   * Approvers of one request may answer at the same moment; the engine then refuses one of the two
   * completions (both change the same run), which is tried again. One approver answering twice at
   * once (approve and reject) finds the request answered: 409, as for any later answer.
   */
  private void completeWithRetry(String taskId, Map<String, Object> variables) {
    for (int attempt = 1; ; attempt++) {
      try {
        tasks.complete(taskId, variables);
        return;
      } catch (RuntimeException failed) {
        // Whatever failed (the engine's optimistic lock, the ERP finding the request no longer
        // pending): when the task is gone, another answer came first.
        if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
          throw new ApiException(
              HttpStatus.CONFLICT,
              "AlreadyAnswered",
              "id",
              "The approval request " + taskId + " was already answered or has ended.");
        }
        if (!concurrent(failed) || attempt == ATTEMPTS) {
          throw failed;
        }
      }
    }
  }

  private static boolean concurrent(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private Map<String, Object> describe(Task task) {
    Map<String, Object> variables = tasks.getVariables(task.getId());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", task.getId());
    item.put("title", TITLE.fromOrNull(variables));
    item.put("details", DETAILS.fromOrNull(variables));
    // As the calling flow gave them: the approval step reads them as GUIDs, the API shows them.
    item.put("companyId", variables.get(RunVariables.COMPANY_ID.name()));
    item.put("entitySet", RunVariables.ENTITY_SET.fromOrNull(variables));
    item.put("recordId", variables.get(RunVariables.RECORD_ID.name()));
    item.put("documentNumber", DOCUMENT_NUMBER.fromOrNull(variables));
    item.put("amount", AMOUNT.fromOrNull(variables));
    item.put("requestedBy", REQUESTED_BY.fromOrNull(variables));
    item.put("requestedAt", task.getCreateTime());
    item.put("dueDate", task.getDueDate());
    item.put("webClientUrl", link(variables));
    return item;
  }

  private String link(Map<String, Object> variables) {
    try {
      return erp.webClientUrl(
              RunVariables.COMPANY_ID.from(variables),
              RunVariables.ENTITY_SET.from(variables),
              RunVariables.RECORD_ID.from(variables))
          .toString();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
