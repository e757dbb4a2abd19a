package io.stroomlijn.erp.embedded.storage;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.embedded.odata.FilterExpression;
import io.stroomlijn.erp.embedded.odata.FilterExpression.And;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Comparison;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Literal;
import io.stroomlijn.erp.embedded.odata.FilterExpression.LiteralKind;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Not;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Operator;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Or;
import io.stroomlijn.erp.embedded.odata.FilterExpression.StringMatch;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.FieldDefinition;
import io.stroomlijn.erp.embedded.schema.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a parsed {@code $filter} into a SQL condition over an entity set's table. Field names are
 * checked against the entity set and become column names from its definition; every literal is
 * checked against its field's type and bound as a parameter.
 */
public final class FilterTranslator {

  private final EntitySetDefinition entitySet;
  private final List<Object> parameters = new ArrayList<>();

  private FilterTranslator(EntitySetDefinition entitySet) {
    this.entitySet = entitySet;
  }

  /** The SQL condition for a filter on an entity set, or a 400-style error naming the fault. */
  public static SqlCondition translate(EntitySetDefinition entitySet, FilterExpression filter) {
    FilterTranslator translator = new FilterTranslator(entitySet);
    String sql = translator.sql(filter);
    return new SqlCondition(sql, translator.parameters);
  }

  private String sql(FilterExpression expression) {
    if (expression instanceof And and) {
      return "(" + sql(and.left()) + " AND " + sql(and.right()) + ")";
    }
    if (expression instanceof Or or) {
      return "(" + sql(or.left()) + " OR " + sql(or.right()) + ")";
    }
    if (expression instanceof Not not) {
      return "(NOT " + sql(not.operand()) + ")";
    }
    if (expression instanceof Comparison comparison) {
      return comparison(comparison);
    }
    return stringMatch((StringMatch) expression);
  }

  private String comparison(Comparison comparison) {
    FieldDefinition field = field(comparison.field(), comparison.position());
    Operator operator = comparison.operator();
    boolean ordered = operator != Operator.EQ && operator != Operator.NE;
    if (ordered
        && (field.type() == FieldType.BOOLEAN
            || field.type() == FieldType.GUID
            || field.type() == FieldType.ENUM)) {
      throw invalid(
          comparison.position(), "'" + field.name() + "' can only be compared with eq or ne");
    }
    parameters.add(value(field, comparison.value()));
    return field.column() + " " + operator.sql() + " ?";
  }

  private String stringMatch(StringMatch match) {
    FieldDefinition field = field(match.field(), match.position());
    if (field.type() != FieldType.TEXT && field.type() != FieldType.ENUM) {
      throw invalid(
          match.position(),
          match.function()
              + " needs a text field, but '"
              + field.name()
              + "' is "
              + field.type().edmName());
    }
    String escaped = escapeLike(match.value().text().toLowerCase(Locale.ROOT));
    String pattern =
        switch (match.function()) {
          case "contains" -> "%" + escaped + "%";
          case "startswith" -> escaped + "%";
          default -> "%" + escaped;
        };
    parameters.add(pattern);
    // Business Central compares text case-insensitively (its SQL collation); so do we here.
    return "LOWER(" + field.column() + ") LIKE ? ESCAPE '!'";
  }

  private FieldDefinition field(String name, int position) {
    return entitySet
        .field(name)
        .orElseThrow(
            () ->
                invalid(
                    position,
                    "could not find a property named '"
                        + name
                        + "' on type 'Microsoft.NAV."
                        + entitySet.entityName()
                        + "'"));
  }

  private static Object value(FieldDefinition field, Literal literal) {
    if (literal.kind() == LiteralKind.NULL) {
      return field.type().blank();
    }
    try {
      return switch (field.type()) {
        case TEXT -> expect(field, literal, LiteralKind.STRING).text();
        case ENUM -> enumValue(field, expect(field, literal, LiteralKind.STRING));
        case DECIMAL -> new BigDecimal(expect(field, literal, LiteralKind.NUMBER).text());
        case INTEGER ->
            new BigDecimal(expect(field, literal, LiteralKind.NUMBER).text()).intValueExact();
        case BOOLEAN -> Boolean.valueOf(expect(field, literal, LiteralKind.BOOLEAN).text());
        case DATE -> LocalDate.parse(expect(field, literal, LiteralKind.DATE).text());
        case DATE_TIME ->
            literal.kind() == LiteralKind.DATE
                ? LocalDate.parse(literal.text()).atStartOfDay().atOffset(ZoneOffset.UTC)
                : OffsetDateTime.parse(expect(field, literal, LiteralKind.DATE_TIME).text());
        case GUID ->
            literal.kind() == LiteralKind.STRING
                ? UUID.fromString(literal.text())
                : UUID.fromString(expect(field, literal, LiteralKind.GUID).text());
      };
    } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException wrong) {
      throw invalid(
          literal.position(),
          "'"
              + literal.text()
              + "' is not a valid "
              + field.type().edmName()
              + " for '"
              + field.name()
              + "'");
    }
  }

  private static Literal expect(FieldDefinition field, Literal literal, LiteralKind kind) {
    if (literal.kind() != kind) {
      throw invalid(
          literal.position(),
          "'"
              + field.name()
              + "' is "
              + field.type().edmName()
              + " and cannot be compared with "
              + describe(literal));
    }
    return literal;
  }

  private static String enumValue(FieldDefinition field, Literal literal) {
    for (String value : field.enumValues()) {
      if (value.equalsIgnoreCase(literal.text())) {
        return value;
      }
    }
    throw invalid(
        literal.position(),
        "'"
            + literal.text()
            + "' is not a value of '"
            + field.name()
            + "'; allowed: "
            + String.join(", ", field.enumValues().stream().map(v -> "'" + v + "'").toList()));
  }

  private static String describe(Literal literal) {
    return switch (literal.kind()) {
      case STRING -> "the text '" + literal.text() + "'";
      case NUMBER -> "the number " + literal.text();
      case BOOLEAN -> "the boolean " + literal.text();
      case DATE -> "the date " + literal.text();
      case DATE_TIME -> "the date-time " + literal.text();
      case GUID -> "the GUID " + literal.text();
      case NULL -> "null";
    };
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static InvalidRequestException invalid(int position, String message) {
    return new InvalidRequestException(
        "BadRequest_InvalidFilter",
        "$filter",
        "Invalid $filter at position " + position + ": " + message + ".");
  }
}
