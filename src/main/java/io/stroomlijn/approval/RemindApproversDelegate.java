package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Reminds the approvers who have not answered yet, before the request is due. */
@Component
class RemindApproversDelegate implements JavaDelegate {

  private final TaskService tasks;
  private final ApprovalMails mails;

  RemindApproversDelegate(TaskService tasks, ApprovalMails mails) {
    this.tasks = tasks;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    for (Task task :
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(RESPOND_TASK)
            .list()) {
      mails.remind(task.getId(), task.getAssignee(), execution.getVariables());
    }
  }
}
