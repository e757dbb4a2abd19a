package io.stroomlijn.erp.embedded.odata;

/** A {@code $filter} that cannot be parsed; the message says where, counting from 1. */
public class FilterSyntaxException extends RuntimeException {

  public FilterSyntaxException(String message, int position) {
    super("Invalid $filter at position " + position + ": " + message);
  }
}
