package io.stroomlijn.erp.businesscentral.webhooks;

import java.time.OffsetDateTime;

/**
 * A webhook subscription as Business Central shows it. {@link #toString()} leaves out the client
 * state.
 *
 * @param id its {@code subscriptionId}
 * @param notificationUrl where Business Central sends its notifications
 * @param resource the watched resource, such as {@code /api/v2.0/companies(..)/customers}
 * @param clientState the secret sent along with each notification; empty or null when Business
 *     Central does not show it
 * @param expiresAt its {@code expirationDateTime}
 * @param etag its {@code @odata.etag}
 */
record Subscription(
    String id,
    String notificationUrl,
    String resource,
    String clientState,
    OffsetDateTime expiresAt,
    String etag) {

  @Override
  public String toString() {
    return "Subscription[" + id + " on " + resource + "]";
  }
}
