package io.stroomlijn.trigger;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventListener;
import io.stroomlijn.erp.RecordEventType;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts automated flows from record events: for each event, every flow whose message start event
 * listens to it ({@code erp.<entitySet>.<event>[:label]}) starts once, unless its {@code trigger.*}
 * properties or its suspension say otherwise. Runs inside the ERP's delivery transaction, so the
 * runs, the trigger log and the event's delivery commit together: exactly once. Each start has a
 * savepoint of its own, so a flow that fails at its start is logged as failed without undoing the
 * other flows' runs.
 */
@Component
class RecordEventTriggers implements RecordEventListener, SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(RecordEventTriggers.class);

  private final ErpConnector erp;
  private final FlowTriggerCatalog catalog;
  private final TriggerConditions conditions;
  private final RuntimeService runtime;
  private final TriggerLog triggerLog;
  private final TransactionTemplate savepoint;

  RecordEventTriggers(
      ErpConnector erp,
      FlowTriggerCatalog catalog,
      TriggerConditions conditions,
      RuntimeService runtime,
      TriggerLog triggerLog,
      PlatformTransactionManager transactions) {
    this.erp = erp;
    this.catalog = catalog;
    this.conditions = conditions;
    this.runtime = runtime;
    this.triggerLog = triggerLog;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public void afterSingletonsInstantiated() {
    erp.addRecordEventListener(this);
  }

  @Override
  public void onRecordEvents(List<RecordEvent> events) {
    FlowTriggerCatalog.Triggers triggers = catalog.current();
    List<TriggerLog.HandledEvent> handled = new ArrayList<>(events.size());
    for (RecordEvent event : events) {
      List<TriggerOutcome> outcomes = new ArrayList<>();
      for (FlowTrigger trigger : triggers.listeningTo(event.entitySet(), event.type())) {
        outcomes.add(outcome(trigger, event));
      }
      handled.add(new TriggerLog.HandledEvent(event, outcomes));
    }
    triggerLog.write(handled);
  }

  /** Starts the flow for the event, or says why not. */
  private TriggerOutcome outcome(FlowTrigger trigger, RecordEvent event) {
    String skip = skipReason(trigger, event);
    if (skip != null) {
      return TriggerOutcome.skipped(trigger, skip);
    }
    if (trigger.condition() != null) {
      try {
        if (!conditions.holds(trigger.condition(), TriggerVariables.forCondition(event))) {
          return TriggerOutcome.skipped(
              trigger, "the condition " + trigger.condition() + " is false");
        }
      } catch (TriggerConditions.ConditionException e) {
        log.warn(
            "Flow {}: trigger condition failed on event {}: {}",
            trigger.flowKey(),
            event.eventId(),
            e.getMessage());
        return TriggerOutcome.failed(trigger, "the condition failed: " + e.getMessage());
      }
    }
    return start(trigger, event);
  }

  /** Why a flow does not want this event, or null when it does (its condition aside). */
  private String skipReason(FlowTrigger trigger, RecordEvent event) {
    if (trigger.suspended()) {
      return "the flow is suspended";
    }
    if (!trigger.coversCompany(event.companyId(), () -> companyName(event.companyId()))) {
      return "the flow listens to company " + trigger.companyFilter() + " only";
    }
    if (event.type() == RecordEventType.MODIFIED
        && !trigger.watchedFields().isEmpty()
        && Collections.disjoint(trigger.watchedFields(), event.changedFields())) {
      return "none of the watched fields ("
          + String.join(", ", trigger.watchedFields())
          + ") changed; changed: "
          + String.join(", ", event.changedFields());
    }
    return null;
  }

  private String companyName(UUID companyId) {
    return erp.companyName(companyId).orElse(null);
  }

  private TriggerOutcome start(FlowTrigger trigger, RecordEvent event) {
    try {
      String runId = savepoint.execute(status -> startRun(trigger, event).getId());
      return TriggerOutcome.started(trigger, runId);
    } catch (RuntimeException e) {
      if (isTransient(e)) {
        // The database, not the flow: let the whole batch be delivered again.
        throw e;
      }
      log.warn("Flow {} could not start on event {}", trigger.flowKey(), event.eventId(), e);
      return TriggerOutcome.failed(trigger, "the flow could not start: " + e.getMessage());
    }
  }

  private ProcessInstance startRun(FlowTrigger trigger, RecordEvent event) {
    String businessKey = event.eventId().toString();
    if (!trigger.byMessage()) {
      return runtime.startProcessInstanceById(
          trigger.processDefinitionId(), businessKey, TriggerVariables.forRun(event));
    }
    return runtime.startProcessInstanceByMessageAndProcessDefinitionId(
        trigger.message().name(),
        trigger.processDefinitionId(),
        businessKey,
        TriggerVariables.forRun(event));
  }

  /** Faults that pass: lost connections, deadlocks, concurrent updates. */
  static boolean isTransient(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TransientDataAccessException
          || cause instanceof RecoverableDataAccessException
          || cause instanceof OptimisticLockingException
          || cause instanceof SQLTransientException
          || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("40")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
