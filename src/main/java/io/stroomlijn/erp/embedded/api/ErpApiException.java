package io.stroomlijn.erp.embedded.api;

import org.springframework.http.HttpStatus;

/**
 * A fault of an ERP API request itself (body too large, header missing), with its status; answered
 * in Business Central's error format by {@link ErpApiErrors}, for the subscriptions API too.
 */
public class ErpApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String target;

  public ErpApiException(HttpStatus status, String code, String target, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = target;
  }

  HttpStatus status() {
    return status;
  }

  String code() {
    return code;
  }

  String target() {
    return target;
  }
}
