package io.stroomlijn.erp.embedded.schema;

import io.stroomlijn.erp.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Converts between field values as JSON carries them (text, numbers, booleans) and the typed values
 * the ERP stores, with Business Central's rules and error messages.
 */
public final class FieldValues {

  private static final DateTimeFormatter INSTANT_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

  private static final int DECIMAL_PLACES = 5;
  private static final BigDecimal DECIMAL_LIMIT = BigDecimal.TEN.pow(20);

  private FieldValues() {}

  /**
   * The typed value for a JSON value sent for {@code field}; throws {@link InvalidRequestException}
   * naming the field when the value does not fit. Null means blank.
   */
  public static Object fromJson(FieldDefinition field, Object json) {
    if (json == null) {
      return field.type().blank();
    }
    return switch (field.type()) {
      case TEXT -> text(field, json);
      case ENUM -> enumValue(field, json);
      case DECIMAL -> decimal(field, json);
      case INTEGER -> integer(field, json);
      case BOOLEAN -> {
        if (json instanceof Boolean flag) {
          yield flag;
        }
        throw mismatch(field, json);
      }
      case DATE -> inRange(field, json, parsed(field, json, () -> LocalDate.parse((String) json)));
      case DATE_TIME ->
          inRange(
              field,
              json,
              parsed(
                  field,
                  json,
                  () -> OffsetDateTime.parse((String) json).withOffsetSameInstant(ZoneOffset.UTC)));
      case GUID -> parsed(field, json, () -> UUID.fromString((String) json));
    };
  }

  /** The JSON form of a stored value: GUIDs, dates and times as text, decimals without noise. */
  public static Object toJson(Object value) {
    if (value instanceof UUID uuid) {
      return uuid.toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof OffsetDateTime time) {
      return INSTANT_MILLIS.format(
          time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
    }
    if (value instanceof BigDecimal decimal) {
      BigDecimal plain = decimal.stripTrailingZeros();
      return plain.scale() < 0 ? plain.setScale(0) : plain;
    }
    return value;
  }

  private static String text(FieldDefinition field, Object json) {
    if (!(json instanceof String text)) {
      throw mismatch(field, json);
    }
    if (text.indexOf('\u0000') >= 0) {
      throw new InvalidRequestException(
          "BadRequest_InvalidValue",
          field.name(),
          "'" + field.name() + "' contains a NUL character, which text fields cannot hold.");
    }
    if (text.length() > field.maxLength()) {
      throw new InvalidRequestException(
          "BadRequest_InvalidValue",
          field.name(),
          "The length of '"
              + field.name()
              + "' is "
              + text.length()
              + ", but it must be less than or equal to "
              + field.maxLength()
              + " characters.");
    }
    return text;
  }

  private static String enumValue(FieldDefinition field, Object json) {
    if (json instanceof String text) {
      for (String value : field.enumValues()) {
        // Clients generated from $metadata send the member name, such as _x0020_ for " ".
        if (value.equalsIgnoreCase(text)
            || (value.isBlank() && text.isEmpty())
            || EnumType.memberName(value).equals(text)) {
          return value;
        }
      }
    }
    throw new InvalidRequestException(
        "BadRequest_InvalidValue",
        field.name(),
        "'"
            + json
            + "' is not a valid value for '"
            + field.name()
            + "'. Allowed values: "
            + String.join(", ", field.enumValues().stream().map(v -> "'" + v + "'").toList())
            + ".");
  }

  private static BigDecimal decimal(FieldDefinition field, Object json) {
    BigDecimal decimal;
    if (json instanceof BigDecimal exact) {
      decimal = exact;
    } else if (json instanceof Integer || json instanceof Long || json instanceof BigInteger) {
      decimal = new BigDecimal(json.toString());
    } else if ((json instanceof Double || json instanceof Float)
        && Double.isFinite(((Number) json).doubleValue())) {
      decimal = BigDecimal.valueOf(((Number) json).doubleValue());
    } else {
      throw mismatch(field, json);
    }
    // Stored with 5 decimals (Business Central's unit price precision) and at most 20 digits
    // before the point: anything larger is a mistake, not an amount.
    BigDecimal rounded = decimal.setScale(DECIMAL_PLACES, RoundingMode.HALF_UP);
    if (rounded.abs().compareTo(DECIMAL_LIMIT) >= 0) {
      throw new InvalidRequestException(
          "BadRequest_InvalidValue",
          field.name(),
          "The value " + decimal.toPlainString() + " of '" + field.name() + "' is too large.");
    }
    return rounded;
  }

  private static Integer integer(FieldDefinition field, Object json) {
    if (json instanceof Integer number) {
      return number;
    }
    if (json instanceof Number number) {
      try {
        return new BigDecimal(number.toString()).intValueExact();
      } catch (ArithmeticException notAnInt) {
        throw mismatch(field, json);
      }
    }
    throw mismatch(field, json);
  }

  /** Business Central's dates run from 0001-01-01 (its blank date) to 9999-12-31. */
  private static Object inRange(FieldDefinition field, Object json, Object value) {
    int year =
        value instanceof LocalDate date ? date.getYear() : ((OffsetDateTime) value).getYear();
    if (year < 1 || year > 9999) {
      throw new InvalidRequestException(
          "BadRequest_InvalidValue",
          field.name(),
          "The date " + json + " of '" + field.name() + "' is outside 0001-01-01 to 9999-12-31.");
    }
    return value;
  }

  private interface Parse {
    Object parse();
  }

  private static Object parsed(FieldDefinition field, Object json, Parse parse) {
    if (!(json instanceof String)) {
      throw mismatch(field, json);
    }
    try {
      return parse.parse();
    } catch (DateTimeParseException | IllegalArgumentException wrong) {
      throw mismatch(field, json);
    }
  }

  private static InvalidRequestException mismatch(FieldDefinition field, Object json) {
    String shown = json instanceof String ? "'" + json + "'" : String.valueOf(json);
    return new InvalidRequestException(
        "BadRequest_InvalidValue",
        field.name(),
        "Cannot convert the value "
            + shown
            + " of '"
            + field.name()
            + "' to the expected type '"
            + field.type().edmName()
            + "'"
            + example(field.type())
            + ".");
  }

  private static String example(FieldType type) {
    return switch (type) {
      case DATE -> " (a date such as 2026-01-31)";
      case DATE_TIME -> " (a date and time such as 2026-01-31T08:00:00Z)";
      case GUID -> " (a GUID such as 5d115c9c-44e3-ea11-bb43-000d3a2feca1)";
      case DECIMAL, INTEGER -> " (a JSON number)";
      case BOOLEAN -> " (true or false)";
      default -> "";
    };
  }
}
