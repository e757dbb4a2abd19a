package io.stroomlijn.erp.embedded.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded ERP's webhook subscriptions ({@code /api/v2.0/subscriptions}).
 *
 * @param delay how long changes are gathered after the first one before they are notified
 * @param collectionThreshold more changed records of one subscription in one delay window than this
 *     give one {@code collection} notification instead of one per record
 * @param allowHttpLoopback whether a loopback {@code notificationUrl} (localhost, 127.0.0.1, ::1)
 *     may use plain http; any other address needs https
 * @param expiration how long a subscription lives after its creation or last renewal
 * @param maxSubscriptions most subscriptions that may be active at once
 * @param handshakeTimeout how long the notification URL has to answer the validation handshake
 * @param requestTimeout how long the notification URL has to answer a notification
 * @param retryFor how long failed notifications (408, 429, 5xx, no answer) are retried before the
 *     subscription is deleted
 * @param firstRetry the wait before the first retry; each further one waits twice as long
 * @param maxRetryInterval the longest wait between two retries
 * @param pollInterval how often each node looks for due notifications (a commit wakes it sooner)
 */
@ConfigurationProperties("stroomlijn.erp.webhooks")
public record WebhookProperties(
    Duration delay,
    Integer collectionThreshold,
    Boolean allowHttpLoopback,
    Duration expiration,
    Integer maxSubscriptions,
    Duration handshakeTimeout,
    Duration requestTimeout,
    Duration retryFor,
    Duration firstRetry,
    Duration maxRetryInterval,
    Duration pollInterval) {

  public WebhookProperties {
    delay = delay == null ? Duration.ofSeconds(30) : delay;
    collectionThreshold = collectionThreshold == null ? 1000 : collectionThreshold;
    allowHttpLoopback = allowHttpLoopback == null || allowHttpLoopback;
    expiration = expiration == null ? Duration.ofDays(3) : expiration;
    maxSubscriptions = maxSubscriptions == null ? 200 : maxSubscriptions;
    handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(5) : handshakeTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    retryFor = retryFor == null ? Duration.ofHours(36) : retryFor;
    firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
    maxRetryInterval = maxRetryInterval == null ? Duration.ofHours(2) : maxRetryInterval;
    pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
  }

  /** The wait before retry number {@code attempt} (1 for the first). */
  Duration retryInterval(int attempt) {
    Duration wait = firstRetry;
    for (int i = 1; i < attempt && wait.compareTo(maxRetryInterval) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
  }
}
