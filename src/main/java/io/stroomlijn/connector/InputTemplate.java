package io.stroomlijn.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.web.util.HtmlUtils;

/**
 * An action input's text as the flow author wrote it, with its {@code ${...}} (and {@code #{...}})
 * expressions evaluated here, each value encoded for where it lands: HTML-escaped in an HTML body,
 * a JSON string or value in JSON. The author's own text is kept as it is.
 *
 * <p>Why the action evaluates the text itself: the engine evaluates an input parameter as one JUEL
 * composite expression before the delegate runs and pastes each value in as it is, so a vendor
 * named {@code <a href=...>} becomes markup in a mail and a customer named {@code Quote "Test" BV}
 * breaks a JSON input. In that result the author's text and the values can no longer be told apart.
 * So the input's raw text is read from the BPMN model and each expression is evaluated with the
 * engine's own expression manager (the same variables, beans and functions as the engine's
 * evaluation). The engine's evaluation still runs first and is then not used; an engine plugin that
 * replaced the input's value provider at parse time would save that, but it would hang on the
 * engine's parser internals and could not know an email body's format, which is another input.
 */
final class InputTemplate {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A piece of the text: the author's text, or an expression such as {@code ${record.name}}. */
  record Part(String text, boolean expression) {}

  private final List<Part> parts;

  private InputTemplate(List<Part> parts) {
    this.parts = parts;
  }

  List<Part> parts() {
    return parts;
  }

  boolean hasExpressions() {
    return parts.stream().anyMatch(Part::expression);
  }

  /**
   * The raw text of the task's input parameter, trimmed as the engine trims it; null when the task
   * has no such text input (none, or a {@code camunda:map}, {@code camunda:list} or script).
   */
  static String raw(DelegateExecution execution, String input) {
    FlowElement element = execution.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return null;
    }
    for (CamundaInputOutput io :
        element
            .getExtensionElements()
            .getElementsQuery()
            .filterByType(CamundaInputOutput.class)
            .list()) {
      for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
        if (input.equals(parameter.getCamundaName())) {
          return parameter.getDomElement().getChildElements().isEmpty()
              ? parameter.getTextContent().trim()
              : null;
        }
      }
    }
    return null;
  }

  /**
   * Splits a text the way JUEL's scanner does: {@code ${} and {@code #{} open an expression that a
   * {@code }} outside a string literal closes; {@code \${} is the text {@code ${}.
   */
  static InputTemplate parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    boolean escaped = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (escaped) {
          literal.append('\\');
        } else {
          escaped = true;
        }
        i++;
        continue;
      }
      if ((c == '$' || c == '#') && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        if (escaped) {
          literal.append(c);
          escaped = false;
          i++;
          continue;
        }
        int end = endOfExpression(text, i + 2);
        if (!literal.isEmpty()) {
          parts.add(new Part(literal.toString(), false));
          literal.setLength(0);
        }
        parts.add(new Part(text.substring(i, end + 1), true));
        i = end + 1;
        continue;
      }
      if (escaped) {
        literal.append('\\');
      }
      literal.append(c);
      escaped = false;
      i++;
    }
    if (escaped) {
      literal.append('\\');
    }
    if (!literal.isEmpty()) {
      parts.add(new Part(literal.toString(), false));
    }
    return new InputTemplate(parts);
  }

  private static int endOfExpression(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != c) {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
      } else if (c == '}') {
        return i;
      }
      i++;
    }
    // The engine parsed this text when the flow was deployed, so this does not happen.
    throw new IllegalArgumentException("An expression is not closed with }");
  }

  /** The text with each expression's value, evaluated against the execution, encoded. */
  String render(DelegateExecution execution, Encoding encoding) {
    var expressions =
        ((ProcessEngineConfigurationImpl)
                execution.getProcessEngine().getProcessEngineConfiguration())
            .getExpressionManager();
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part.expression()) {
        encoding.value(out, expressions.createExpression(part.text()).getValue(execution));
      } else {
        encoding.text(out, part.text());
      }
    }
    return out.toString();
  }

  /** How the author's text and the values go into the result. */
  interface Encoding {

    void text(StringBuilder out, String text);

    void value(StringBuilder out, Object value);
  }

  /** Values HTML-escaped, as text of an element or of a quoted attribute. */
  static Encoding html() {
    return new Encoding() {
      @Override
      public void text(StringBuilder out, String text) {
        out.append(text);
      }

      @Override
      public void value(StringBuilder out, Object value) {
        out.append(HtmlUtils.htmlEscape(asText(value)));
      }
    };
  }

  /**
   * Values as JSON: inside a string literal of the author's text ({@code "${name}"}) the value's
   * text escaped for it; elsewhere ({@code ${amount}}) a JSON value: numbers, booleans, maps and
   * lists as such, null as null, anything else as a string. A value never adds JSON structure.
   */
  static Encoding json() {
    return new Encoding() {
      private boolean inString;
      private boolean escaped;

      @Override
      public void text(StringBuilder out, String text) {
        for (char c : text.toCharArray()) {
          if (escaped) {
            escaped = false;
          } else if (inString && c == '\\') {
            escaped = true;
          } else if (c == '"') {
            inString = !inString;
          }
        }
        out.append(text);
      }

      @Override
      public void value(StringBuilder out, Object value) {
        if (inString) {
          out.append(JsonStringEncoder.getInstance().quoteAsString(asText(value)));
          return;
        }
        out.append(jsonValue(value));
      }
    };
  }

  private static String jsonValue(Object value) {
    Object plain =
        value == null
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Map<?, ?>
                || value instanceof Collection<?>
            ? value
            : asText(value);
    try {
      return JSON.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      try {
        return JSON.writeValueAsString(asText(value));
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  /** A value as JUEL turns it into text: null is empty. */
  private static String asText(Object value) {
    return value == null ? "" : value instanceof Enum<?> e ? e.name() : value.toString();
  }
}
