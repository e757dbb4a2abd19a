package io.stroomlijn.erp;

/**
 * A request the ERP refused. {@link #code()} is the error code Business Central gives for the same
 * fault, so API clients and flows can tell faults apart.
 */
public abstract class ErpException extends RuntimeException {

  private final String code;

  protected ErpException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Business Central's error code, such as {@code BadRequest_NotFound}. */
  public String code() {
    return code;
  }
}
