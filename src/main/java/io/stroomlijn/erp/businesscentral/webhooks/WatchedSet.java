package io.stroomlijn.erp.businesscentral.webhooks;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of {@code bc_watched_set}: a company's entity set that an active flow listens to, its
 * webhook subscription at Business Central (when it has one) and how keeping up with it goes.
 * {@link #toString()} leaves out the client state, the secret that proves a notification.
 *
 * @param companyId the company
 * @param companyName its name at Business Central when last read, or null
 * @param entitySet the entity set, such as {@code customers}
 * @param clientState the random secret Business Central sends back in every notification
 * @param subscriptionId the subscription's id at Business Central, null while there is none
 * @param subscriptionEtag its {@code @odata.etag}, for renewal and deletion
 * @param expiresAt when Business Central drops the subscription unless it is renewed
 * @param baselineReadAt when the record sync read the whole set first; no subscription before
 * @param watermark the newest modification time the record sync has read
 * @param lastCatchUpAt when the record sync last read the changes since the watermark
 * @param catchUpDue whether a catch-up read is due (set when a subscription was made anew)
 * @param lastNotificationAt when the receiver last stored a notification of it
 * @param notifications notifications stored for it since it is watched
 * @param failures failed attempts in a row at creating, renewing or deleting its subscription
 * @param lastError what went wrong last (never a secret), or why it has no subscription
 * @param lastErrorAt when
 * @param createdAt when it became watched
 */
public record WatchedSet(
    UUID companyId,
    String companyName,
    String entitySet,
    String clientState,
    String subscriptionId,
    String subscriptionEtag,
    OffsetDateTime expiresAt,
    OffsetDateTime baselineReadAt,
    OffsetDateTime watermark,
    OffsetDateTime lastCatchUpAt,
    boolean catchUpDue,
    OffsetDateTime lastNotificationAt,
    long notifications,
    int failures,
    String lastError,
    OffsetDateTime lastErrorAt,
    OffsetDateTime createdAt) {

  /** The company and entity set, which identify the row. */
  public Key key() {
    return new Key(companyId, entitySet);
  }

  /** Whether a subscription at Business Central is known for it. */
  public boolean subscribed() {
    return subscriptionId != null;
  }

  @Override
  public String toString() {
    return "WatchedSet[" + entitySet + " of company " + companyId + "]";
  }

  /**
   * A company's entity set.
   *
   * @param companyId the company
   * @param entitySet the entity set
   */
  public record Key(UUID companyId, String entitySet) {

    /**
     * The resource a subscription to it names, {@code /api/v2.0/companies(<id>)/<entitySet>}:
     * Business Central reads it relative to the environment ({@code
     * https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}}), so it is the path of
     * {@code apiUrl} from its last {@code /api/} on ({@code /api/v2.0} when it has none).
     */
    public String resource(URI apiUrl) {
      String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath();
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      int api = path.lastIndexOf("/api/");
      String root = api < 0 ? "/api/v2.0" : path.substring(api);
      return root + "/companies(" + companyId + ")/" + entitySet;
    }
  }
}
