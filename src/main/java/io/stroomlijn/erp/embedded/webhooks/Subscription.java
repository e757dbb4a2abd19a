package io.stroomlijn.erp.embedded.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * A webhook subscription as stored: who is told where about which entity set's changes, until when.
 * {@link #toString()} leaves out the notification URL and the client state, which are the
 * subscriber's secrets.
 */
record Subscription(
    String id,
    String notificationUrl,
    String resource,
    SubscribedResource target,
    String clientState,
    String userId,
    OffsetDateTime expirationDateTime,
    OffsetDateTime createdAt,
    String createdBy,
    OffsetDateTime modifiedAt,
    String modifiedBy,
    long version) {

  /** A weak etag in Business Central's style, new on every change. */
  String etag() {
    String token = "'" + version + ";" + id + "'";
    return "W/\""
        + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))
        + "\"";
  }

  boolean expiredAt(OffsetDateTime now) {
    return !expirationDateTime.isAfter(now);
  }

  @Override
  public String toString() {
    return "Subscription[" + id + " on " + resource + "]";
  }
}
