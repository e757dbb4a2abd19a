package io.stroomlijn.flow;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One process variable, named once, with typed accessors (in the style of camunda-bpm-data's
 * variable factories): {@code RunVariables.COMPANY_ID.from(execution)} gives a {@link UUID}, {@code
 * RunVariables.COMPANY_ID.set(execution, id)} stores it as the text flows and Cockpit see. The
 * contracts that declare variables are {@link RunVariables} (what every run may carry) and the
 * approval step's {@code ApprovalVariables}.
 *
 * @param <T> the Java type code reads and writes
 */
public final class RunVariable<T> {

  private final String name;
  private final Function<Object, T> read;
  private final Function<T, Object> write;

  private RunVariable(String name, Function<Object, T> read, Function<T, Object> write) {
    this.name = name;
    this.read = read;
    this.write = write;
  }

  /** A text variable. */
  public static RunVariable<String> text(String name) {
    return new RunVariable<>(name, Object::toString, value -> value);
  }

  /** A GUID, stored as its text (what {@code ${companyId}} gives in an expression). */
  public static RunVariable<UUID> guid(String name) {
    return new RunVariable<>(name, stored -> UUID.fromString(stored.toString()), UUID::toString);
  }

  /** A true or false variable: true only when the engine holds the boolean {@code true}. */
  public static RunVariable<Boolean> flag(String name) {
    return new RunVariable<>(name, Boolean.TRUE::equals, value -> value);
  }

  /** A date and time, stored as the engine's date type. */
  public static RunVariable<Date> date(String name) {
    return new RunVariable<>(name, Date.class::cast, value -> value);
  }

  /** A number, stored as a double. */
  public static RunVariable<Double> number(String name) {
    return new RunVariable<>(name, stored -> ((Number) stored).doubleValue(), value -> value);
  }

  /** A JSON object (a record's fields, say), read as a map: {@code ${record.displayName}}. */
  @SuppressWarnings("unchecked")
  public static RunVariable<Map<String, Object>> jsonObject(String name) {
    return new RunVariable<>(
        name, stored -> (Map<String, Object>) stored, value -> JsonVariables.json(value));
  }

  /** A JSON array, read as a list. */
  @SuppressWarnings("unchecked")
  public static <E> RunVariable<List<E>> jsonList(String name) {
    return new RunVariable<>(name, stored -> (List<E>) stored, value -> JsonVariables.json(value));
  }

  /** The variable's name, as BPMN expressions and {@code /engine-rest} use it. */
  public String name() {
    return name;
  }

  /** The value; an {@link IllegalStateException} naming the variable when the scope has none. */
  public T from(VariableScope scope) {
    return required(scope.getVariable(name));
  }

  /** The value, or null when the scope has none. */
  public T fromOrNull(VariableScope scope) {
    return valueOf(scope.getVariable(name));
  }

  /** The value of this scope itself (a task's input, say), or null when it has none. */
  public T fromLocalOrNull(VariableScope scope) {
    return valueOf(scope.getVariableLocal(name));
  }

  /** The value in variables read as a map (a task's, say); an exception when there is none. */
  public T from(Map<String, ?> variables) {
    return required(variables.get(name));
  }

  /** The value in variables read as a map, or null. */
  public T fromOrNull(Map<String, ?> variables) {
    return valueOf(variables.get(name));
  }

  /** A stored value read some other way (a task's local variable, history), or null. */
  public T valueOf(Object stored) {
    return stored == null ? null : read.apply(stored);
  }

  /** Sets the value where the scope keeps it (the run, for a variable the run has). */
  public void set(VariableScope scope, T value) {
    scope.setVariable(name, stored(value));
  }

  /** Sets the value on this scope itself (a task, an activity). */
  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, stored(value));
  }

  /** Removes the variable from where the scope keeps it. */
  public void remove(VariableScope scope) {
    scope.removeVariable(name);
  }

  /**
   * Puts the value into variables to be stored together: those a run starts with, a task is
   * completed with, or a step sets.
   */
  public <M extends Map<String, Object>> M putIn(M variables, T value) {
    variables.put(name, stored(value));
    return variables;
  }

  /** What the engine stores for a value. */
  public Object stored(T value) {
    return value == null ? null : write.apply(value);
  }

  private T required(Object stored) {
    if (stored == null) {
      throw new IllegalStateException("The run has no variable '" + name + "'");
    }
    return read.apply(stored);
  }

  @Override
  public String toString() {
    return name;
  }
}
