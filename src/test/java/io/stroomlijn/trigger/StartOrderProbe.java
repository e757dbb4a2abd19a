package io.stroomlijn.trigger;

import io.stroomlijn.flow.RunVariables;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** A test step that notes, in start order, the display name of the record a run started for. */
public class StartOrderProbe implements JavaDelegate {

  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Override
  public void execute(DelegateExecution execution) {
    var record = RunVariables.RECORD.from(execution);
    SEEN.add(execution.getProcessDefinitionId().split(":")[0] + "/" + record.get("displayName"));
  }
}
