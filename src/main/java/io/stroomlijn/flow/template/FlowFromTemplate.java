package io.stroomlijn.flow.template;

import io.stroomlijn.web.ApiException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Creates a flow from a template: fills in its parameters, gives it the key asked for, and deploys
 * it (a second creation with the same key is a new version of that flow). Deploying needs the
 * engine's CREATE permission on deployments, which administrators have.
 */
@Service
class FlowFromTemplate {

  static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");
  static final String DEPLOYMENT_NAME = "flows-from-templates";

  private final FlowTemplates templates;
  private final RepositoryService repository;

  FlowFromTemplate(FlowTemplates templates, RepositoryService repository) {
    this.templates = templates;
    this.repository = repository;
  }

  /** What a caller asks for: the new flow's key and the template's parameters. */
  record Request(String key, Map<String, String> parameters) {}

  Map<String, Object> create(String templateId, Request request) {
    FlowTemplate template =
        templates
            .find(templateId)
            .orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.NOT_FOUND,
                        "NotFound",
                        "templateId",
                        "There is no flow template '" + templateId + "'."));
    Map<String, String> given =
        request == null || request.parameters() == null ? Map.of() : request.parameters();
    String key = request == null ? null : request.key();
    List<Map<String, Object>> problems = new ArrayList<>();
    if (key == null || !KEY.matcher(key).matches()) {
      problems.add(
          problem("key", "is required: letters, digits, _ and -, starting with a letter or _"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (FlowTemplate.Parameter parameter : template.parameters()) {
      String value = given.getOrDefault(parameter.name(), parameter.defaultValue());
      value = value == null ? "" : value.trim();
      if (parameter.required() && value.isEmpty()) {
        problems.add(
            problem("parameters." + parameter.name(), "is required (" + parameter.label() + ")"));
      }
      String invalid = check(parameter.name(), value);
      if (invalid != null) {
        problems.add(problem("parameters." + parameter.name(), invalid));
      }
      values.put(parameter.name(), value);
    }
    for (String name : given.keySet()) {
      if (template.parameters().stream().noneMatch(p -> p.name().equals(name))) {
        problems.add(problem("parameters." + name, "is not a parameter of " + templateId));
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "InvalidParameters",
          "parameters",
          "The flow cannot be created from " + templateId + ": " + problems.size() + " problem(s).",
          problems);
    }
    BpmnModelInstance bpmn = flowModel(template, key, values);
    ProcessDefinition definition =
        repository
            .createDeployment()
            .name(DEPLOYMENT_NAME)
            .source("template:" + templateId)
            .addModelInstance(key + ".bpmn", bpmn)
            .deployWithResult()
            .getDeployedProcessDefinitions()
            .get(0);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("key", definition.getKey());
    answer.put("name", definition.getName());
    answer.put("version", definition.getVersion());
    answer.put("processDefinitionId", definition.getId());
    answer.put("template", templateId);
    return answer;
  }

  /**
   * The template as the new flow, built with the BPMN model API so that any text (a name such as
   * "Financiële goedkeuring €", quotes, ampersands) is written as valid XML. Parameters fill the
   * process name and {@code camunda:property} values as they are, and the step's inputs as literal
   * text that is never evaluated: {@code ${...}} in a value stays {@code ${...}}.
   */
  private static BpmnModelInstance flowModel(
      FlowTemplate template, String key, Map<String, String> values) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(
            new ByteArrayInputStream(template.bpmn().getBytes(StandardCharsets.UTF_8)));
    Process process = model.getModelElementById(template.processId());
    // The model API moves every reference to the process (its diagram plane) along with its id.
    process.setId(key);
    model.getDefinitions().setId("Definitions_" + key);
    process.setName(fill(process.getName(), values, false));
    for (CamundaProperty property : model.getModelElementsByType(CamundaProperty.class)) {
      boolean expression = "trigger.condition".equals(property.getCamundaName());
      property.setCamundaValue(fill(property.getCamundaValue(), values, expression));
    }
    for (CamundaIn input : List.copyOf(model.getModelElementsByType(CamundaIn.class))) {
      String source = input.getCamundaSourceExpression();
      if (source == null) {
        continue;
      }
      String filled = fill(source, values, true);
      if (filled.isEmpty()) {
        // An optional parameter left empty passes nothing (an empty expression is invalid).
        input.getParentElement().removeChildElement(input);
      } else {
        input.setCamundaSourceExpression(filled);
      }
    }
    return model;
  }

  /** A text with its {@code {{parameter}}} placeholders filled in. */
  private static String fill(String text, Map<String, String> values, boolean expression) {
    if (text == null) {
      return null;
    }
    String filled = text;
    for (Map.Entry<String, String> value : values.entrySet()) {
      String literal = expression ? juelLiteral(value.getValue()) : value.getValue();
      filled = filled.replace("{{" + value.getKey() + "}}", literal);
    }
    return filled;
  }

  /**
   * A value as a JUEL expression giving exactly that text ({@code ${'...'}}, with backslashes and
   * single quotes escaped); empty stays empty, so that an optional parameter left out is dropped.
   */
  static String juelLiteral(String value) {
    return value.isEmpty() ? value : "${'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'}";
  }

  /** What is wrong with a known parameter's value, or null. */
  private static String check(String name, String value) {
    if (value.isEmpty()) {
      return null;
    }
    switch (name) {
      case "approvalType" -> {
        return value.equals("firstToRespond") || value.equals("everyone")
            ? null
            : "'" + value + "' is not firstToRespond or everyone";
      }
      case "dueIn" -> {
        try {
          Duration duration = Duration.parse(value);
          return duration.isNegative() || duration.isZero()
              ? "'" + value + "' must be a positive duration such as P3D"
              : null;
        } catch (DateTimeParseException e) {
          return "'" + value + "' is not an ISO 8601 duration such as P3D";
        }
      }
      case "approveUpTo" -> {
        try {
          return new BigDecimal(value).signum() < 0 ? "must not be negative" : null;
        } catch (NumberFormatException e) {
          return "'" + value + "' is not an amount";
        }
      }
      default -> {
        return null;
      }
    }
  }

  private static Map<String, Object> problem(String target, String message) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("target", target);
    problem.put("message", target + " " + message);
    return problem;
  }
}
