package io.stroomlijn.erp.embedded.webhooks;

import org.springframework.http.HttpStatus;

/** A fault of a subscriptions request itself (body, header), with its status. */
class SubscriptionApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String target;

  SubscriptionApiException(HttpStatus status, String code, String target, String message) {
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
