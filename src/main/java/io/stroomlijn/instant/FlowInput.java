package io.stroomlijn.instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One input of an instant flow, from a {@code camunda:formField} of its start event: what the user
 * fills in the "Run flow" pane. Limits are as Camunda Modeler writes them: {@code min} and {@code
 * max} for numbers and dates, {@code minlength} and {@code maxlength} for text.
 *
 * @param id the variable the value is stored in
 * @param label what the user sees
 * @param type the value's type
 * @param defaultValue the value when none is given, as written in the BPMN
 * @param required whether a value must be given
 * @param readonly whether the value is fixed to its default
 * @param min smallest number or earliest date
 * @param max largest number or latest date
 * @param minLength shortest text
 * @param maxLength longest text
 * @param options the choices of an {@code enum}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlowInput(
    String id,
    String label,
    InputType type,
    String defaultValue,
    boolean required,
    boolean readonly,
    String min,
    String max,
    Integer minLength,
    Integer maxLength,
    List<Option> options) {

  /** One choice of an {@code enum} input: the value stored, and what the user sees. */
  public record Option(String id, String name) {}
}
