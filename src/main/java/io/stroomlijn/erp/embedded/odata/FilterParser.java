package io.stroomlijn.erp.embedded.odata;

import io.stroomlijn.erp.embedded.odata.FilterExpression.And;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Comparison;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Literal;
import io.stroomlijn.erp.embedded.odata.FilterExpression.LiteralKind;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Not;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Operator;
import io.stroomlijn.erp.embedded.odata.FilterExpression.Or;
import io.stroomlijn.erp.embedded.odata.FilterExpression.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the OData {@code $filter} subset Business Central supports: comparisons ({@code eq ne gt
 * ge lt le}), {@code and}, {@code or}, {@code not}, parentheses, and {@code contains}, {@code
 * startswith}, {@code endswith}. Literals are strings in single quotes ({@code ''} escapes a
 * quote), numbers, {@code true}, {@code false}, {@code null}, dates ({@code 2026-01-31}),
 * date-times ({@code 2026-01-31T08:00:00Z}) and GUIDs, bare or quoted.
 *
 * <p>The result is a tree; it is turned into SQL with bound parameters elsewhere, never by
 * concatenating the filter's text.
 */
public final class FilterParser {

  private static final int MAX_DEPTH = 50;
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String text;
  private final List<Token> tokens;
  private int next;
  private int depth;

  private FilterParser(String text) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  /** Parses a filter or throws {@link FilterSyntaxException} saying where it went wrong. */
  public static FilterExpression parse(String filter) {
    if (filter == null || filter.isBlank()) {
      throw new FilterSyntaxException("the filter is empty", 1);
    }
    FilterParser parser = new FilterParser(filter);
    FilterExpression expression = parser.orExpression();
    Token trailing = parser.peek();
    if (trailing.type != TokenType.END) {
      throw new FilterSyntaxException(
          "expected 'and', 'or' or the end of the filter but found '" + trailing.text + "'",
          trailing.position);
    }
    return expression;
  }

  private FilterExpression orExpression() {
    FilterExpression left = andExpression();
    while (peekKeyword("or")) {
      next++;
      left = new Or(left, andExpression());
    }
    return left;
  }

  private FilterExpression andExpression() {
    FilterExpression left = unary();
    while (peekKeyword("and")) {
      next++;
      left = new And(left, unary());
    }
    return left;
  }

  private FilterExpression unary() {
    if (peekKeyword("not")) {
      next++;
      return new Not(nested(this::unary));
    }
    Token token = peek();
    if (token.type == TokenType.OPEN) {
      next++;
      FilterExpression inner = nested(this::orExpression);
      expect(TokenType.CLOSE, "')'");
      return inner;
    }
    if (token.type == TokenType.IDENTIFIER
        && StringMatch.FUNCTIONS.contains(token.text.toLowerCase(Locale.ROOT))
        && peekAt(1).type == TokenType.OPEN) {
      return stringMatch();
    }
    return comparison();
  }

  private FilterExpression nested(java.util.function.Supplier<FilterExpression> inner) {
    if (++depth > MAX_DEPTH) {
      throw new FilterSyntaxException("the filter nests deeper than " + MAX_DEPTH, peek().position);
    }
    try {
      return inner.get();
    } finally {
      depth--;
    }
  }

  private FilterExpression stringMatch() {
    Token function = tokens.get(next);
    next += 2;
    Token field = expect(TokenType.IDENTIFIER, "a field name");
    expect(TokenType.COMMA, "','");
    Token value = expect(TokenType.STRING, "a text in single quotes");
    expect(TokenType.CLOSE, "')'");
    return new StringMatch(
        function.text.toLowerCase(Locale.ROOT),
        field.text,
        new Literal(LiteralKind.STRING, value.text, value.position),
        field.position);
  }

  private FilterExpression comparison() {
    Token left = peek();
    if (left.type != TokenType.IDENTIFIER && !isLiteral(left)) {
      throw new FilterSyntaxException(
          left.type == TokenType.END
              ? "the filter ends where a condition was expected"
              : "expected a field name, a literal or '(' but found '" + left.text + "'",
          left.position);
    }
    next++;
    Token operatorToken = peek();
    Operator operator = operator(operatorToken);
    if (operator == null) {
      if (left.type == TokenType.IDENTIFIER && endsCondition(operatorToken)) {
        // A bare boolean field, such as $filter=taxLiable, means "taxLiable eq true".
        return new Comparison(
            left.text,
            Operator.EQ,
            new Literal(LiteralKind.BOOLEAN, "true", left.position),
            left.position);
      }
      throw new FilterSyntaxException(
          "expected a comparison operator (eq, ne, gt, ge, lt, le) after '"
              + left.text
              + "' but found '"
              + operatorToken.text
              + "'",
          operatorToken.position);
    }
    next++;
    Token right = peek();
    if (right.type == TokenType.END) {
      throw new FilterSyntaxException(
          "the filter ends where a value after '" + operatorToken.text + "' was expected",
          right.position);
    }
    next++;
    if (left.type == TokenType.IDENTIFIER && isLiteral(right)) {
      return new Comparison(left.text, operator, literal(right), left.position);
    }
    if (isLiteral(left) && right.type == TokenType.IDENTIFIER) {
      return new Comparison(right.text, operator.mirrored(), literal(left), right.position);
    }
    throw new FilterSyntaxException(
        "a comparison needs one field and one literal, found '"
            + left.text
            + "' and '"
            + right.text
            + "'",
        left.position);
  }

  /** Whether a condition may end before this token: at the end, ')' , 'and' or 'or'. */
  private static boolean endsCondition(Token token) {
    return token.type == TokenType.END
        || token.type == TokenType.CLOSE
        || (token.type == TokenType.IDENTIFIER
            && (token.text.equalsIgnoreCase("and") || token.text.equalsIgnoreCase("or")));
  }

  private static Operator operator(Token token) {
    if (token.type != TokenType.IDENTIFIER) {
      return null;
    }
    return switch (token.text.toLowerCase(Locale.ROOT)) {
      case "eq" -> Operator.EQ;
      case "ne" -> Operator.NE;
      case "gt" -> Operator.GT;
      case "ge" -> Operator.GE;
      case "lt" -> Operator.LT;
      case "le" -> Operator.LE;
      default -> null;
    };
  }

  private static boolean isLiteral(Token token) {
    return switch (token.type) {
      case STRING, NUMBER, DATE, DATE_TIME, GUID -> true;
      case IDENTIFIER -> isKeywordLiteral(token.text);
      default -> false;
    };
  }

  private static boolean isKeywordLiteral(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.equals("true") || lower.equals("false") || lower.equals("null");
  }

  private static Literal literal(Token token) {
    return switch (token.type) {
      case STRING -> new Literal(LiteralKind.STRING, token.text, token.position);
      case NUMBER -> new Literal(LiteralKind.NUMBER, token.text, token.position);
      case DATE -> new Literal(LiteralKind.DATE, token.text, token.position);
      case DATE_TIME -> new Literal(LiteralKind.DATE_TIME, token.text, token.position);
      case GUID -> new Literal(LiteralKind.GUID, token.text, token.position);
      default ->
          token.text.equalsIgnoreCase("null")
              ? new Literal(LiteralKind.NULL, "null", token.position)
              : new Literal(
                  LiteralKind.BOOLEAN, token.text.toLowerCase(Locale.ROOT), token.position);
    };
  }

  private boolean peekKeyword(String keyword) {
    Token token = peek();
    return token.type == TokenType.IDENTIFIER && token.text.equalsIgnoreCase(keyword);
  }

  private Token peek() {
    return peekAt(0);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private Token expect(TokenType type, String what) {
    Token token = peek();
    if (token.type != type) {
      throw new FilterSyntaxException(
          "expected "
              + what
              + " but found "
              + (token.type == TokenType.END ? "the end of the filter" : "'" + token.text + "'"),
          token.position);
    }
    next++;
    return token;
  }

  private enum TokenType {
    IDENTIFIER,
    STRING,
    NUMBER,
    DATE,
    DATE_TIME,
    GUID,
    OPEN,
    CLOSE,
    COMMA,
    END
  }

  private record Token(TokenType type, String text, int position) {}

  /** Word-like tokens, tried in this order: a GUID can start like a number or a date. */
  private record Lexeme(Pattern pattern, TokenType type) {}

  private static final List<Lexeme> LEXEMES =
      List.of(
          new Lexeme(GUID, TokenType.GUID),
          new Lexeme(DATE_TIME, TokenType.DATE_TIME),
          new Lexeme(DATE, TokenType.DATE),
          new Lexeme(NUMBER, TokenType.NUMBER),
          new Lexeme(IDENTIFIER, TokenType.IDENTIFIER));

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int position = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        TokenType type = c == '(' ? TokenType.OPEN : c == ')' ? TokenType.CLOSE : TokenType.COMMA;
        tokens.add(new Token(type, String.valueOf(c), position));
        i++;
      } else if (c == '\'') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= text.length()) {
            throw new FilterSyntaxException(
                "the text starting here has no closing quote", position);
          }
          char d = text.charAt(j);
          if (d == '\'') {
            if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
              value.append('\'');
              j += 2;
              continue;
            }
            break;
          }
          value.append(d);
          j++;
        }
        tokens.add(new Token(TokenType.STRING, value.toString(), position));
        i = j + 1;
      } else {
        Token token = matchWord(text, i);
        if (token == null) {
          throw new FilterSyntaxException("unexpected character '" + c + "'", position);
        }
        tokens.add(token);
        i +=
            token.type == TokenType.GUID && text.startsWith("guid'", i)
                ? token.text.length() + 6
                : token.text.length();
      }
    }
    tokens.add(new Token(TokenType.END, "", text.length() + 1));
    return tokens;
  }

  private static Token matchWord(String text, int from) {
    int position = from + 1;
    if (text.regionMatches(true, from, "guid'", 0, 5)) {
      Matcher guid = GUID.matcher(text).region(from + 5, text.length());
      if (guid.lookingAt() && guid.end() < text.length() && text.charAt(guid.end()) == '\'') {
        return new Token(TokenType.GUID, guid.group(), position);
      }
    }
    for (Lexeme lexeme : LEXEMES) {
      Matcher matcher = lexeme.pattern().matcher(text).region(from, text.length());
      if (matcher.lookingAt() && endsWord(text, matcher.end())) {
        return new Token(lexeme.type(), matcher.group(), position);
      }
    }
    return null;
  }

  private static boolean endsWord(String text, int end) {
    return end >= text.length()
        || !Character.isLetterOrDigit(text.charAt(end))
            && text.charAt(end) != '_'
            && text.charAt(end) != '-'
            && text.charAt(end) != '.';
  }
}
