package io.stroomlijn.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Reads a connector action's inputs (the task's {@code camunda:inputParameter}s), naming the task
 * and the input when one is missing or malformed. Such a fault is in the flow's model, so it is an
 * exception (the job retries, then an incident shows the message), not a BPMN error.
 */
public final class ActionInputs {

  /** Where an action puts its result; every action with a result has this input. */
  public static final String RESULT_VARIABLE = "resultVariable";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ActionInputs() {}

  /** A required text input. */
  public static String text(DelegateExecution execution, String input) {
    Object value = execution.getVariable(input);
    if (value == null || value.toString().isBlank()) {
      throw problem(execution, input, "is required");
    }
    return value.toString().trim();
  }

  /** A required GUID input, such as a record id. */
  public static UUID guid(DelegateExecution execution, String input) {
    String text = text(execution, input);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw problem(execution, input, "'" + text + "' is not a GUID");
    }
  }

  /** An optional text input of this task (not a variable of the run with the same name). */
  public static String optionalText(DelegateExecution execution, String input, String fallback) {
    Object value = execution.getVariableLocal(input);
    return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
  }

  public static Integer optionalNumber(DelegateExecution execution, String input) {
    Object value = execution.getVariableLocal(input);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      throw problem(execution, input, "'" + value + "' is not a whole number");
    }
  }

  public static boolean optionalFlag(DelegateExecution execution, String input, boolean fallback) {
    Object value = execution.getVariableLocal(input);
    return flag(
        execution.getCurrentActivityId(), input, value == null ? null : value.toString(), fallback);
  }

  /**
   * A flag given as text, for a service that checks inputs the delegate read: {@code true} or
   * {@code false}, the fallback when blank.
   */
  public static boolean flag(String task, String input, String text, boolean fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String trimmed = text.trim();
    if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
      throw problem(task, input, "'" + trimmed + "' is not true or false");
    }
    return Boolean.parseBoolean(trimmed);
  }

  /** An ISO 8601 duration such as {@code PT30S}. */
  public static Duration optionalDuration(
      DelegateExecution execution, String input, Duration fallback) {
    return duration(
        execution.getCurrentActivityId(), input, optionalText(execution, input, null), fallback);
  }

  /**
   * A duration given as text, for a service that checks inputs the delegate read: ISO 8601, the
   * fallback when blank.
   */
  public static Duration duration(String task, String input, String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw problem(task, input, "'" + text.trim() + "' is not an ISO 8601 duration such as PT30S");
    }
  }

  /**
   * A map input: a {@code camunda:map} in the model, an expression giving a map, or a JSON object
   * as text (what an element template's field holds; {@code ${...}} inside it are resolved first).
   */
  public static Map<String, Object> map(DelegateExecution execution, String input) {
    Map<String, Object> map = optionalMap(execution, input);
    if (map.isEmpty()) {
      throw problem(execution, input, "must be a map of names to values");
    }
    return map;
  }

  public static Map<String, Object> optionalMap(DelegateExecution execution, String input) {
    Object value = execution.getVariableLocal(input);
    if (value == null || value instanceof String text && text.isBlank()) {
      return Map.of();
    }
    if (value instanceof String) {
      value = parseObject(execution, input, optionalJson(execution, input));
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw problem(execution, input, "must be a map of names to values");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, entry) -> copy.put(String.valueOf(key), entry));
    return copy;
  }

  /**
   * A JSON input typed as text, such as an Adaptive Card or a request body: the values of its
   * {@code ${...}} expressions are encoded as JSON (a string inside quotes, a JSON value
   * elsewhere), so a record's {@code Quote "Test" BV} stays one string and never adds structure.
   * Text that does not start as a JSON object or array is given as it is.
   */
  public static String optionalJson(DelegateExecution execution, String input) {
    Object value = execution.getVariableLocal(input);
    if (!(value instanceof String text) || text.isBlank()) {
      return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
    String raw = InputTemplate.raw(execution, input);
    if (raw == null || !(raw.startsWith("{") || raw.startsWith("["))) {
      return text.trim();
    }
    InputTemplate template = InputTemplate.parse(raw);
    return template.hasExpressions()
        ? template.render(execution, InputTemplate.json())
        : text.trim();
  }

  /**
   * An HTML input, such as an email body: the author's text stays markup, and every value of a
   * {@code ${...}} expression in it is HTML-escaped, so a record's {@code <a href=...>} shows as
   * text.
   */
  public static String optionalHtml(DelegateExecution execution, String input, String fallback) {
    String raw = InputTemplate.raw(execution, input);
    InputTemplate template = raw == null ? null : InputTemplate.parse(raw);
    if (template == null || !template.hasExpressions()) {
      return optionalText(execution, input, fallback);
    }
    String html = template.render(execution, InputTemplate.html());
    return html.isBlank() ? fallback : html.trim();
  }

  /** A JSON object typed as text, as an element template's text field holds it. */
  private static Object parseObject(DelegateExecution execution, String input, String text) {
    try {
      return JSON.readValue(text, Map.class);
    } catch (JsonProcessingException e) {
      throw problem(
          execution,
          input,
          "must be a JSON object such as {\"name\": \"value\"}: " + e.getOriginalMessage());
    }
  }

  /**
   * A list input: a {@code camunda:list}, a collection from an expression, or a text separated by
   * commas or semicolons (as addresses are usually typed).
   */
  public static List<String> optionalList(DelegateExecution execution, String input) {
    Object value = execution.getVariableLocal(input);
    List<String> items = new ArrayList<>();
    if (value instanceof Collection<?> collection) {
      collection.forEach(item -> addSplit(items, item));
    } else if (value != null) {
      addSplit(items, value);
    }
    return items;
  }

  private static void addSplit(List<String> items, Object value) {
    if (value == null) {
      return;
    }
    for (String part : value.toString().split("[,;]")) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
  }

  /** An exception that names the task and input at fault. */
  public static IllegalArgumentException problem(
      DelegateExecution execution, String input, String message) {
    return problem(execution.getCurrentActivityId(), input, message);
  }

  /** The same, for a service that checks the inputs a delegate read: the task by its id. */
  public static IllegalArgumentException problem(String task, String input, String message) {
    return new IllegalArgumentException("Task " + task + ", input '" + input + "' " + message);
  }
}
