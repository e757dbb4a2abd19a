package io.stroomlijn.schedule;

import io.stroomlijn.flow.DeployedFlows;
import io.stroomlijn.flow.RunStatus;
import io.stroomlijn.security.SystemCalls;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.springframework.stereotype.Service;

/**
 * The scheduled flows: timer start events of each flow's latest version, with when they fire next
 * (the engine's timer jobs) and how the last timer-started run went (history).
 */
@Service
public class ScheduledFlows {

  private final DeployedFlows flows;
  private final ManagementService management;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final SystemCalls system;

  ScheduledFlows(
      DeployedFlows flows,
      ManagementService management,
      HistoryService history,
      RuntimeService runtime,
      RepositoryService repository,
      SystemCalls system) {
    this.flows = flows;
    this.management = management;
    this.history = history;
    this.runtime = runtime;
    this.repository = repository;
    this.system = system;
  }

  /** Every flow with a timer start event, by key. */
  public List<ScheduledFlow> all() {
    return system.run(
        () ->
            flows.latest().definitions().stream()
                .sorted(Comparator.comparing(ProcessDefinition::getKey))
                .map(this::scheduled)
                .flatMap(Optional::stream)
                .toList());
  }

  /**
   * Switches a flow on again, from now: a timer whose time passed while the flow was suspended gets
   * its next occurrence after now instead of firing at once. Runs with the caller's engine
   * authorizations (activating needs {@code SUSPEND} on the process definition).
   */
  public void activate(String key) {
    repository.activateProcessDefinitionByKey(key);
    Date now = ClockUtil.getCurrentTime();
    for (ProcessDefinition definition :
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey(key)
            .latestVersion()
            .list()) {
      for (Job job :
          management.createJobQuery().processDefinitionId(definition.getId()).timers().list()) {
        if (job.getDuedate() != null && job.getDuedate().before(now)) {
          timerExpression(definition, job)
              .flatMap(ScheduledFlows::nextAfterNow)
              .ifPresent(next -> management.setJobDuedate(job.getId(), next));
        }
      }
    }
  }

  /** Whether a flow with this key is deployed. */
  public boolean exists(String key) {
    return flows.latest().definitions().stream().anyMatch(d -> d.getKey().equals(key));
  }

  /** Switches a flow off: its timers stop firing until it is activated. */
  public void suspend(String key) {
    repository.suspendProcessDefinitionByKey(key);
  }

  private Optional<ScheduledFlow> scheduled(ProcessDefinition definition) {
    List<TimerStart> starts = timerStarts(definition);
    if (starts.isEmpty()) {
      return Optional.empty();
    }
    List<Job> jobs =
        management.createJobQuery().processDefinitionId(definition.getId()).timers().list();
    List<ScheduledFlow.Timer> timers = new ArrayList<>();
    for (TimerStart start : starts) {
      Date next =
          jobs.stream()
              .filter(job -> start.id().equals(activityOf(job)))
              .map(Job::getDuedate)
              .findFirst()
              .orElse(null);
      timers.add(
          new ScheduledFlow.Timer(start.id(), start.type(), start.expression(), offset(next)));
    }
    Set<String> startIds = starts.stream().map(TimerStart::id).collect(Collectors.toSet());
    return Optional.of(
        new ScheduledFlow(
            definition.getKey(),
            definition.getName() == null ? definition.getKey() : definition.getName(),
            definition.getVersion(),
            definition.isSuspended(),
            ZoneId.systemDefault().getId(),
            timers,
            lastRun(definition.getKey(), startIds)));
  }

  /** Which start event a timer start job belongs to: Camunda keeps it in the job definition. */
  private String activityOf(Job job) {
    return management
        .createJobDefinitionQuery()
        .jobDefinitionId(job.getJobDefinitionId())
        .singleResult()
        .getActivityId();
  }

  private ScheduledFlow.LastRun lastRun(String key, Set<String> timerStartIds) {
    for (HistoricProcessInstance run :
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(key)
            .orderByProcessInstanceStartTime()
            .desc()
            .listPage(0, 50)) {
      if (timerStartIds.contains(run.getStartActivityId())) {
        return new ScheduledFlow.LastRun(
            run.getId(), offset(run.getStartTime()), offset(run.getEndTime()), status(run));
      }
    }
    return null;
  }

  private RunStatus status(HistoricProcessInstance run) {
    RunStatus status = RunStatus.of(run);
    return status == RunStatus.RUNNING
            && runtime.createIncidentQuery().processInstanceId(run.getId()).count() > 0
        ? RunStatus.FAILED
        : status;
  }

  private List<TimerStart> timerStarts(ProcessDefinition definition) {
    BpmnModelInstance model = flows.model(definition);
    List<TimerStart> starts = new ArrayList<>();
    if (model == null) {
      return starts;
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (!(start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process)) {
        continue;
      }
      for (TimerEventDefinition timer : start.getChildElementsByType(TimerEventDefinition.class)) {
        if (timer.getTimeCycle() != null) {
          starts.add(new TimerStart(start.getId(), "cycle", timer.getTimeCycle().getTextContent()));
        } else if (timer.getTimeDate() != null) {
          starts.add(new TimerStart(start.getId(), "date", timer.getTimeDate().getTextContent()));
        } else if (timer.getTimeDuration() != null) {
          starts.add(
              new TimerStart(start.getId(), "duration", timer.getTimeDuration().getTextContent()));
        }
      }
    }
    return starts;
  }

  private Optional<String> timerExpression(ProcessDefinition definition, Job job) {
    String activity = activityOf(job);
    return timerStarts(definition).stream()
        .filter(start -> start.id().equals(activity) && start.type().equals("cycle"))
        .map(TimerStart::expression)
        .findFirst();
  }

  /** The next occurrence of a cycle counted from now (cron, or an {@code R/} cycle). */
  private static Optional<Date> nextAfterNow(String cycle) {
    try {
      return Optional.ofNullable(new CycleBusinessCalendar().resolveDuedate(cycle.trim()));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static OffsetDateTime offset(Date date) {
    return date == null ? null : date.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
  }

  private record TimerStart(String id, String type, String expression) {
    TimerStart {
      expression = expression == null ? "" : expression.trim();
    }
  }
}
