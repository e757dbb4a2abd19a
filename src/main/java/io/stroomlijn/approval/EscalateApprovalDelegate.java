package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.flow.RunVariables;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Escalates a request that is due: each open approver task goes to that approver's own approver
 * (the approval user setup), with its entry, a new due date and a mail. An approver without one
 * keeps the task until the request expires.
 */
@Component
class EscalateApprovalDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(EscalateApprovalDelegate.class);

  private final TaskService tasks;
  private final ErpApprovals approvals;
  private final ApprovalProperties properties;
  private final ApprovalMails mails;

  EscalateApprovalDelegate(
      TaskService tasks,
      ErpApprovals approvals,
      ApprovalProperties properties,
      ApprovalMails mails) {
    this.tasks = tasks;
    this.approvals = approvals;
    this.properties = properties;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID company = RunVariables.COMPANY_ID.from(execution);
    Date expireAt = EXPIRE_AT.fromOrNull(execution);
    // The escalated approver answers until the request expires: their mail says so, and its
    // links stay valid that long (not only until the original due date).
    Map<String, Object> escalated = new HashMap<>(execution.getVariables());
    DUE_DATE.putIn(escalated, expireAt);
    for (Task task :
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(RESPOND_TASK)
            .list()) {
      String next = properties.of(task.getAssignee()).approver();
      if (next == null) {
        log.info(
            "Approval request {} is due; {} has no approver to escalate to",
            task.getId(),
            task.getAssignee());
        continue;
      }
      approvals.reassign(
          company,
          ENTRY_ID.valueOf(tasks.getVariableLocal(task.getId(), ENTRY_ID.name())),
          next,
          "flow:" + PROCESS_KEY);
      tasks.setAssignee(task.getId(), next);
      task.setDueDate(expireAt);
      tasks.saveTask(task);
      mails.requestApproval(task.getId(), next, escalated);
    }
  }
}
