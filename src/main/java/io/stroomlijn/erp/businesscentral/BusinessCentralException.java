package io.stroomlijn.erp.businesscentral;

/**
 * A technical fault talking to Business Central: the token was refused, the tenant could not be
 * reached or kept answering 429/5xx. Unlike an {@link io.stroomlijn.erp.ErpException} it is not a
 * business outcome: in a flow the job retries and then raises an incident. Its message never holds
 * a secret or a token.
 */
public class BusinessCentralException extends RuntimeException {

  public BusinessCentralException(String message) {
    super(message);
  }

  public BusinessCentralException(String message, Throwable cause) {
    super(message, cause);
  }
}
