package io.stroomlijn.instant;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The form field types Camunda Modeler offers for a start form, and so for a flow's inputs. */
public enum InputType {
  STRING("string"),
  LONG("long"),
  BOOLEAN("boolean"),
  DATE("date"),
  ENUM("enum");

  private final String name;

  InputType(String name) {
    this.name = name;
  }

  @JsonValue
  public String typeName() {
    return name;
  }

  static Optional<InputType> of(String name) {
    return Arrays.stream(values()).filter(type -> type.name.equals(name)).findFirst();
  }
}
