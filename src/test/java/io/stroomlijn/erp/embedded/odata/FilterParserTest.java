package io.stroomlijn.erp.embedded.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stroomlijn.erp.embedded.odata.FilterExpression.And;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Comparison;
import io.stroomlijn.erp.embedded.odata.FilterExpression.LiteralKind;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Not;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Operator;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Or;
import io.stroomlijn.erp.embedded.odata.FilterExpression.StringMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {

  @Test
  void andBindsTighterThanOr() {
    FilterExpression parsed = FilterParser.parse("a eq 1 or b eq 2 and c eq 3");

    assertThat(parsed).isInstanceOf(Or.class);
    assertThat(((Or) parsed).right()).isInstanceOf(And.class);
  }

  @Test
  void parenthesesAndNotGroupAsWritten() {
    FilterExpression parsed = FilterParser.parse("not (a eq 1 or b eq 2) and c eq 3");

    assertThat(parsed).isInstanceOf(And.class);
    assertThat(((And) parsed).left()).isInstanceOf(Not.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name eq 'O''Brien'                              | STRING    | O'Brien",
        "amount gt -12.50                                | NUMBER    | -12.50",
        "blocked eq true                                 | BOOLEAN   | true",
        "dueDate le 2026-01-31                           | DATE      | 2026-01-31",
        "lastModifiedDateTime ge 2026-01-31T08:00:00.5Z  | DATE_TIME | 2026-01-31T08:00:00.5Z",
        "customerId eq 5d115c9c-44e3-ea11-bb43-000d3a2feca1 | GUID   | 5d115c9c-44e3-ea11-bb43-000d3a2feca1",
        "customerId eq guid'5d115c9c-44e3-ea11-bb43-000d3a2feca1' | GUID | 5d115c9c-44e3-ea11-bb43-000d3a2feca1",
        "email eq null                                   | NULL      | null",
      })
  void readsEveryKindOfLiteral(String filter, LiteralKind kind, String text) {
    Comparison comparison = (Comparison) FilterParser.parse(filter);

    assertThat(comparison.value().kind()).isEqualTo(kind);
    assertThat(comparison.value().text()).isEqualTo(text);
  }

  @Test
  void turnsALiteralOnTheLeftAround() {
    Comparison comparison = (Comparison) FilterParser.parse("1000 lt balance");

    assertThat(comparison.field()).isEqualTo("balance");
    assertThat(comparison.operator()).isEqualTo(Operator.GT);
  }

  @Test
  void readsStringFunctionsCaseInsensitively() {
    StringMatch match = (StringMatch) FilterParser.parse("StartsWith(displayName, 'Ad')");

    assertThat(match.function()).isEqualTo("startswith");
    assertThat(match.field()).isEqualTo("displayName");
    assertThat(match.value().text()).isEqualTo("Ad");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "city eq                      | 8  | ends where a value",
        "city eq 'Utrecht             | 9  | no closing quote",
        "(city eq 'Utrecht'           | 19 | expected ')'",
        "city eq 'Utrecht')           | 18 | expected 'and', 'or'",
        "city is 'Utrecht'            | 6  | comparison operator",
        "city eq 'a' and              | 16 | ends where a condition",
        "city eq 'a' # 1              | 13 | unexpected character '#'",
        "city eq country              | 1  | one field and one literal",
        "contains(city 'x')           | 15 | expected ','",
      })
  void saysWhereAMalformedFilterFails(String filter, int position, String message) {
    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOf(FilterSyntaxException.class)
        .hasMessageContaining("position " + position)
        .hasMessageContaining(message);
  }

  @Test
  void refusesAbsurdNesting() {
    String deep = "(".repeat(60) + "a eq 1" + ")".repeat(60);

    assertThatThrownBy(() -> FilterParser.parse(deep)).hasMessageContaining("nests deeper");
  }
}
