package io.stroomlijn.erp.businesscentral.webhooks;

/**
 * Business Central answered a subscription request with an error. Its message names the request,
 * the status and Business Central's error code and message, never a client state or token.
 */
class SubscriptionRefusedException extends RuntimeException {

  private final int status;

  SubscriptionRefusedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the answer. */
  int status() {
    return status;
  }
}
