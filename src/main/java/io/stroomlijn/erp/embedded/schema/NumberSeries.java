package io.stroomlijn.erp.embedded.schema;

/**
 * A Business Central number series: {@code C00010, C00020, ...} for customers.
 *
 * @param code the series code, unique per company
 * @param prefix text before the number
 * @param first the first number handed out
 * @param increment step between numbers
 * @param digits zero-padded width of the number
 */
public record NumberSeries(String code, String prefix, long first, long increment, int digits) {

  /** The formatted number, such as {@code C00010} for 10. */
  public String format(long number) {
    String digitsText = Long.toString(number);
    return prefix + "0".repeat(Math.max(0, digits - digitsText.length())) + digitsText;
  }
}
