package io.stroomlijn.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an input's text is split into the author's text and expressions, and values encoded. */
class InputTemplateTest {

  private static List<InputTemplate.Part> parts(String text) {
    return InputTemplate.parse(text).parts();
  }

  private static InputTemplate.Part text(String text) {
    return new InputTemplate.Part(text, false);
  }

  private static InputTemplate.Part expression(String text) {
    return new InputTemplate.Part(text, true);
  }

  @Test
  void splitsTextFromExpressionsAsJuelDoes() {
    assertThat(parts("<p>${a}</p>#{b}"))
        .containsExactly(text("<p>"), expression("${a}"), text("</p>"), expression("#{b}"));
    assertThat(parts("${x == '}' ? \"{\" : y}!"))
        .containsExactly(expression("${x == '}' ? \"{\" : y}"), text("!"));
    assertThat(parts("cost \\${price} $5 #tag")).containsExactly(text("cost ${price} $5 #tag"));
    assertThat(InputTemplate.parse("plain {\"a\": 1}").hasExpressions()).isFalse();
  }

  /** Renders values through an encoding as render() does, without an engine. */
  private static String encode(InputTemplate.Encoding encoding, Object... textsAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < textsAndValues.length; i++) {
      if (i % 2 == 0) {
        encoding.text(out, (String) textsAndValues[i]);
      } else {
        encoding.value(out, textsAndValues[i]);
      }
    }
    return out.toString();
  }

  @Test
  void htmlEscapesValuesAndKeepsTheAuthorsMarkup() {
    assertThat(
            encode(
                InputTemplate.html(),
                "<p><a href=\"",
                "x\" onclick=\"y",
                "\">",
                "<a href=\"http://evil.test\">Click</a>",
                "</a></p>"))
        .isEqualTo(
            "<p><a href=\"x&quot; onclick=&quot;y\">&lt;a href=&quot;http://evil.test&quot;&gt;"
                + "Click&lt;/a&gt;</a></p>");
  }

  @Test
  void jsonEncodesValuesInsideStringsAsTextAndElsewhereAsJsonValues() {
    assertThat(
            encode(
                InputTemplate.json(),
                "{\"Customer\": \"",
                "Quote \"Test\" BV\\",
                "\", \"Amount\": ",
                14520.0,
                ", \"Note\": ",
                "\"}, \"x\": {\"",
                ", \"Lines\": ",
                List.of(Map.of("qty", 2)),
                ", \"Empty\": ",
                null,
                ", \"Say \\\"",
                "hi\"",
                "\\\"\": true}"))
        .isEqualTo(
            "{\"Customer\": \"Quote \\\"Test\\\" BV\\\\\", \"Amount\": 14520.0,"
                + " \"Note\": \"\\\"}, \\\"x\\\": {\\\"\", \"Lines\": [{\"qty\":2}],"
                + " \"Empty\": null, \"Say \\\"hi\\\"\\\"\": true}");
  }
}
