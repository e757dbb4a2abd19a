package io.stroomlijn.instant;

import io.stroomlijn.flow.VariableLimits;
import io.stroomlijn.web.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;

/**
 * Checks the inputs a user gave for an instant flow against its form fields and turns them into
 * typed variables: a {@code long} input becomes a Long, a {@code date} a Date. Every problem is
 * collected, so one answer names all fields to fix; nothing starts while any remains.
 */
final class FlowInputs {

  private static final Instant FIRST_DAY =
      LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.MAX).toInstant();
  private static final Instant LAST_DAY =
      LocalDate.of(10000, 1, 1).atStartOfDay(ZoneOffset.MIN).toInstant();

  private FlowInputs() {}

  /** The inputs as variables, defaults filled in; 400 listing each field at fault. */
  static VariableMap variables(InstantFlow flow, Map<String, Object> given, ZoneId zone) {
    Map<String, Object> remaining = new LinkedHashMap<>(given == null ? Map.of() : given);
    List<Problem> problems = new ArrayList<>();
    VariableMap variables = Variables.createVariables();
    for (FlowInput input : flow.inputs()) {
      Object value = remaining.remove(input.id());
      boolean givenValue = value != null && !(value instanceof String text && text.isEmpty());
      if (input.readonly() && givenValue && !sameAsDefault(input, value)) {
        problems.add(new Problem(input.id(), "readonly", "is read-only"));
        continue;
      }
      Object raw = givenValue && !input.readonly() ? value : input.defaultValue();
      if (raw == null || raw instanceof String text && text.isBlank()) {
        if (input.required()) {
          problems.add(new Problem(input.id(), "required", "is required"));
        } else {
          variables.putValue(input.id(), null);
        }
        continue;
      }
      try {
        Object typed = convert(input, raw, zone);
        check(input, typed, zone);
        variables.putValue(input.id(), typed);
      } catch (InputProblem problem) {
        problems.add(new Problem(input.id(), problem.code, problem.getMessage()));
      }
    }
    remaining
        .keySet()
        .forEach(
            unknown ->
                problems.add(new Problem(unknown, "unknown", "is not an input of this flow")));
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return variables;
  }

  private static boolean sameAsDefault(FlowInput input, Object value) {
    return input.defaultValue() != null && input.defaultValue().equals(String.valueOf(value));
  }

  private static Object convert(FlowInput input, Object raw, ZoneId zone) {
    return switch (input.type()) {
      case STRING -> text(raw);
      case LONG -> whole(raw);
      case BOOLEAN -> bool(raw);
      case DATE -> date(raw, zone);
      case ENUM -> option(input, raw);
    };
  }

  private static String text(Object raw) {
    if (raw instanceof String text) {
      return text;
    }
    throw new InputProblem("type", "must be text");
  }

  private static Long whole(Object raw) {
    try {
      if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
        return ((Number) raw).longValue();
      }
      if (raw instanceof BigInteger big) {
        return big.longValueExact();
      }
      if (raw instanceof BigDecimal decimal) {
        return decimal.longValueExact();
      }
      if (raw instanceof String text) {
        return Long.valueOf(text.trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // reported below
    }
    throw new InputProblem("type", "must be a whole number");
  }

  private static Boolean bool(Object raw) {
    if (raw instanceof Boolean value) {
      return value;
    }
    if ("true".equals(raw) || "false".equals(raw)) {
      return Boolean.valueOf((String) raw);
    }
    throw new InputProblem("type", "must be true or false");
  }

  private static Date date(Object raw, ZoneId zone) {
    if (raw instanceof String text) {
      Instant instant;
      try {
        instant = LocalDate.parse(text.trim()).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException notADate) {
        try {
          instant = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notADateTime) {
          throw new InputProblem("type", "must be a date such as 2026-12-31");
        }
      }
      // ISO 8601 allows years such as +999999999, beyond what a Date (milliseconds in a long)
      // holds; Business Central's dates end at 9999-12-31 too.
      if (instant.isBefore(FIRST_DAY) || instant.isAfter(LAST_DAY)) {
        throw new InputProblem("range", "must be a date from 0001-01-01 to 9999-12-31");
      }
      return Date.from(instant);
    }
    throw new InputProblem("type", "must be a date such as 2026-12-31");
  }

  private static String option(FlowInput input, Object raw) {
    if (raw instanceof String text
        && input.options().stream().anyMatch(option -> option.id().equals(text))) {
      return text;
    }
    throw new InputProblem(
        "enum",
        "must be one of "
            + input.options().stream().map(FlowInput.Option::id).collect(Collectors.joining(", ")));
  }

  private static void check(FlowInput input, Object value, ZoneId zone) {
    if (value instanceof String text) {
      if (text.length() > VariableLimits.MAX_TEXT_LENGTH) {
        throw new InputProblem(
            "maxlength",
            "must be at most "
                + VariableLimits.MAX_TEXT_LENGTH
                + " characters long (the longest text a flow variable holds)");
      }
      if (input.minLength() != null && text.length() < input.minLength()) {
        throw new InputProblem(
            "minlength", "must be at least " + input.minLength() + " characters long");
      }
      if (input.maxLength() != null && text.length() > input.maxLength()) {
        throw new InputProblem(
            "maxlength", "must be at most " + input.maxLength() + " characters long");
      }
    }
    if (value instanceof Long number) {
      if (input.min() != null && number < whole(input.min())) {
        throw new InputProblem("min", "must be at least " + input.min());
      }
      if (input.max() != null && number > whole(input.max())) {
        throw new InputProblem("max", "must be at most " + input.max());
      }
    }
    if (value instanceof Date date) {
      if (input.min() != null && date.before(date(input.min(), zone))) {
        throw new InputProblem("min", "must be on or after " + input.min());
      }
      if (input.max() != null && date.after(date(input.max(), zone))) {
        throw new InputProblem("max", "must be on or before " + input.max());
      }
    }
  }

  private static ApiException invalid(List<Problem> problems) {
    String summary =
        problems.stream()
            .map(problem -> problem.field() + " " + problem.message())
            .collect(Collectors.joining("; "));
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "InvalidInputs",
        "inputs",
        "The inputs are not valid: " + summary + ".",
        problems.stream()
            .map(
                problem ->
                    Map.<String, Object>of(
                        "target",
                        "inputs." + problem.field(),
                        "code",
                        problem.code(),
                        "message",
                        problem.field() + " " + problem.message()))
            .toList());
  }

  private record Problem(String field, String code, String message) {}

  /** One input's problem, found while converting or checking it. */
  private static final class InputProblem extends RuntimeException {
    private final String code;

    InputProblem(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
