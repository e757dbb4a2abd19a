package io.stroomlijn.erp;

/**
 * The request is wrong as asked: an unknown or read-only field, a value of the wrong type, a
 * malformed filter, or an action the record's state does not allow. {@link #target()} names the
 * field or query option at fault, when there is one.
 */
public class InvalidRequestException extends ErpException {

  private final String target;

  public InvalidRequestException(String code, String target, String message) {
    super(code, message);
    this.target = target;
  }

  public InvalidRequestException(String target, String message) {
    this("BadRequest", target, message);
  }

  /** The field, property or query option at fault, or null. */
  public String target() {
    return target;
  }
}
