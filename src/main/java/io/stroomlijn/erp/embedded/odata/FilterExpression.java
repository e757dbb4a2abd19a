package io.stroomlijn.erp.embedded.odata;

import java.util.List;

/** A parsed OData {@code $filter}: a tree of these nodes. */
public sealed interface FilterExpression {

  /** Both sides hold. */
  record And(FilterExpression left, FilterExpression right) implements FilterExpression {}

  /** Either side holds. */
  record Or(FilterExpression left, FilterExpression right) implements FilterExpression {}

  /** The operand does not hold. */
  record Not(FilterExpression operand) implements FilterExpression {}

  /** {@code field op literal}; a literal on the left is turned around by the parser. */
  record Comparison(String field, Operator operator, Literal value, int position)
      implements FilterExpression {}

  /** {@code contains(field, 'text')}, {@code startswith(...)} or {@code endswith(...)}. */
  record StringMatch(String function, String field, Literal value, int position)
      implements FilterExpression {

    public static final List<String> FUNCTIONS = List.of("contains", "startswith", "endswith");
  }

  /** A comparison operator. */
  enum Operator {
    EQ("="),
    NE("<>"),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String sql;

    Operator(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }

    /** The operator with its sides swapped: {@code 5 lt x} is {@code x gt 5}. */
    Operator mirrored() {
      return switch (this) {
        case GT -> LT;
        case GE -> LE;
        case LT -> GT;
        case LE -> GE;
        default -> this;
      };
    }
  }

  /**
   * A constant in a filter, as written.
   *
   * @param kind what the text looked like
   * @param text the literal's value (a string literal without quotes, unescaped)
   * @param position where it starts in the filter, counting from 1
   */
  record Literal(LiteralKind kind, String text, int position) {}

  /** What a literal looked like: the filter's type is checked against the field's later. */
  enum LiteralKind {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL,
    DATE,
    DATE_TIME,
    GUID
  }
}
