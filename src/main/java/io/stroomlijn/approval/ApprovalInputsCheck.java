package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Refuses, at deployment, a "Start and wait for an approval" step whose fixed {@code dueIn} or
 * {@code remindBefore} is not a positive ISO 8601 duration: a negative one would make the request
 * expire, or remind, before it was sent. Values with {@code ${...}} are resolved at run time and
 * checked by {@link ApprovalOpenings}.
 */
class ApprovalInputsCheck extends AbstractBpmnParseListener {

  static final List<String> DURATIONS = List.of(DUE_IN.name(), REMIND_BEFORE.name());

  @Override
  public void parseCallActivity(Element callActivity, ScopeImpl scope, ActivityImpl activity) {
    if (!PROCESS_KEY.equals(callActivity.attribute("calledElement"))) {
      return;
    }
    Element extensions = callActivity.element("extensionElements");
    if (extensions == null) {
      return;
    }
    for (Element in : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "in")) {
      String target = in.attribute("target");
      String value = in.attribute("sourceExpression");
      if (!DURATIONS.contains(target) || value == null || value.contains("{")) {
        continue;
      }
      String problem = durationProblem(value);
      if (problem != null) {
        throw new BpmnParseException(
            "Call activity " + activity.getId() + ", input " + target + ": " + problem, in);
      }
    }
  }

  /** What is wrong with a duration of the approval step, or null. */
  static String durationProblem(String value) {
    try {
      Duration duration = Duration.parse(value.trim());
      return duration.isNegative() || duration.isZero()
          ? "'" + value + "' must be a positive duration such as P3D"
          : null;
    } catch (DateTimeParseException e) {
      return "'" + value + "' is not an ISO 8601 duration such as P3D";
    }
  }
}
