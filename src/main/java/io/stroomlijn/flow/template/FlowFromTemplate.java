package io.stroomlijn.flow.template;

import io.stroomlijn.web.ApiException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Creates a flow from a template: fills in its parameters, gives it the key asked for, and deploys
 * it (a second creation with the same key is a new version of that flow). Deploying needs the
 * engine's CREATE permission on deployments, which administrators have.
 */
@Service
class FlowFromTemplate {

  static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");
  static final String DEPLOYMENT_NAME = "flows-from-templates";
  private static final Pattern EMPTY_INPUT =
      Pattern.compile("[ \\t]*<camunda:in sourceExpression=\"\" target=\"[^\"]*\" />\\R?");

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
    String bpmn = template.bpmn().replace("\"" + template.processId() + "\"", "\"" + key + "\"");
    bpmn = bpmn.replace("Definitions_" + template.processId(), "Definitions_" + key);
    for (Map.Entry<String, String> value : values.entrySet()) {
      String placeholder = "{{" + value.getKey() + "}}";
      // A sourceExpression is evaluated: there the value goes in as a JUEL string literal, so
      // that a parameter such as ${execution.setVariable(...)} stays text and is never run.
      bpmn =
          bpmn.replace(
              "sourceExpression=\"" + placeholder + "\"",
              "sourceExpression=\"" + HtmlUtils.htmlEscape(juelLiteral(value.getValue())) + "\"");
      bpmn = bpmn.replace(placeholder, HtmlUtils.htmlEscape(value.getValue()));
    }
    // An optional parameter left empty passes nothing to the step (an empty expression is invalid).
    bpmn = EMPTY_INPUT.matcher(bpmn).replaceAll("");
    ProcessDefinition definition =
        repository
            .createDeployment()
            .name(DEPLOYMENT_NAME)
            .source("template:" + templateId)
            .addString(key + ".bpmn", bpmn)
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
          Duration.parse(value);
          return null;
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
