package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What completing an approver's task may change: the response (decision and comment), nothing else.
 * Whoever may complete the task (its approver, through {@code /engine-rest} or Tasklist) may pass
 * any variables with the completion; the engine writes them into the approval run before any
 * listener runs, where they would overwrite the run's own state ({@code responses}, {@code
 * rejected}, {@code recordId}, the multi-instance counters of the completion condition, ...). So
 * the run's variables are noted when the engine checks that the task may be worked on (before it
 * writes the completion's variables) and put back when the task's complete listener runs: what a
 * completion passes besides its response is ignored.
 *
 * <p>Also who responded: never a variable (a caller could name anyone), but the approvals API's
 * caller or the signed link's approver ({@link #respondAs}), else the engine's authenticated user,
 * else the assignee.
 */
final class ApprovalCompletions {

  /** The variables a response consists of; the listener removes them again. */
  static final Set<String> RESPONSE = Set.of(DECISION.name(), COMMENT.name());

  private static final ThreadLocal<Snapshot> BEFORE_COMPLETION = new ThreadLocal<>();
  private static final ThreadLocal<String> RESPONDER = new ThreadLocal<>();

  private record Snapshot(String taskId, Map<String, TypedValue> variables) {}

  private ApprovalCompletions() {}

  /**
   * The engine check that notes the variables before a completion. CommandChecker has some eighty
   * checks; only checkTaskWork (complete and submit-form call it before they set the caller's
   * variables) matters here, all others pass.
   */
  static CommandChecker snapshotting() {
    return (CommandChecker)
        Proxy.newProxyInstance(
            CommandChecker.class.getClassLoader(),
            new Class<?>[] {CommandChecker.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "ApprovalCompletions.snapshotting";
                };
              }
              if (method.getName().equals("checkTaskWork") && args[0] instanceof TaskEntity task) {
                noteVariablesBeforeCompletion(task);
              }
              return null;
            });
  }

  /**
   * Runs a completion whose responder is known to Stroomlijn (the API caller, a link's approver).
   */
  static <T> T respondAs(String userId, Supplier<T> completion) {
    String outer = RESPONDER.get();
    RESPONDER.set(userId);
    try {
      return completion.get();
    } finally {
      if (outer == null) {
        RESPONDER.remove();
      } else {
        RESPONDER.set(outer);
      }
    }
  }

  /** Who completed the task, whatever its variables say. */
  static String responder(DelegateTask task) {
    String known = RESPONDER.get();
    if (known != null) {
      return known;
    }
    var authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee();
  }

  /**
   * Puts back every variable of the run that the completion changed, and removes those it added,
   * except the response itself.
   */
  static void ignoreAllButTheResponse(DelegateTask task) {
    Snapshot before = BEFORE_COMPLETION.get();
    if (before == null || !before.taskId().equals(task.getId())) {
      return;
    }
    BEFORE_COMPLETION.remove();
    DelegateExecution execution = task.getExecution();
    for (String name : Set.copyOf(execution.getVariableNames())) {
      if (RESPONSE.contains(name)) {
        continue;
      }
      TypedValue was = before.variables().get(name);
      if (was == null) {
        execution.removeVariable(name);
      } else if (execution.getVariableTyped(name) != was) {
        // An unchanged variable gives the very value read before; a written one a new value.
        execution.setVariable(name, was);
      }
    }
  }

  private static void noteVariablesBeforeCompletion(TaskEntity task) {
    ExecutionEntity execution = task.getExecution();
    if (execution == null
        || !RESPOND_TASK.equals(task.getTaskDefinitionKey())
        || task.getProcessDefinition() == null
        || !PROCESS_KEY.equals(task.getProcessDefinition().getKey())) {
      return;
    }
    Map<String, TypedValue> variables = new HashMap<>();
    for (String name : execution.getVariableNames()) {
      variables.put(name, execution.getVariableTyped(name));
    }
    BEFORE_COMPLETION.set(new Snapshot(task.getId(), variables));
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      command.registerCommandContextListener(
          new CommandContextListener() {
            @Override
            public void onCommandContextClose(CommandContext commandContext) {
              BEFORE_COMPLETION.remove();
            }

            @Override
            public void onCommandFailed(CommandContext commandContext, Throwable t) {
              BEFORE_COMPLETION.remove();
            }
          });
    }
  }
}
