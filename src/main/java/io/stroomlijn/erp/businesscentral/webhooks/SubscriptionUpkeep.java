package io.stroomlijn.erp.businesscentral.webhooks;

import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordEventInterests;
import io.stroomlijn.erp.businesscentral.BusinessCentralErp;
import io.stroomlijn.erp.businesscentral.BusinessCentralException;
import io.stroomlijn.erp.businesscentral.BusinessCentralLease;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import io.stroomlijn.erp.businesscentral.ConditionalOnBusinessCentral;
import io.stroomlijn.erp.businesscentral.sync.RecordSyncProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Keeps a webhook subscription at Business Central for every company's entity set that an active
 * flow listens to. One pass, on the node that holds the {@code upkeep} lease:
 *
 * <ol>
 *   <li>a set that became needed gets a row in {@code bc_watched_set} with a fresh client state;
 *       the record sync reads its records first, then it is subscribed and a catch-up is due;
 *   <li>a subscription is renewed (with {@code If-Match}) when less than {@code renew-before} is
 *       left of it; one Business Central deleted (after failed deliveries) is created again, and a
 *       catch-up is due;
 *   <li>a set no flow needs any more is unsubscribed and its row deleted.
 * </ol>
 *
 * Subscriptions that are not Stroomlijn's (other integrations of the tenant) are never touched.
 * Without {@code notification-url} nothing is subscribed: the watched sets are kept up by the
 * record sync's periodic catch-up alone. At most {@code max-subscriptions} sets are subscribed, the
 * oldest first; the others too are kept up by catch-up only. No transaction is open while Business
 * Central is asked.
 */
@ConditionalOnBusinessCentral
@Component
public class SubscriptionUpkeep {

  /** The lease in {@code bc_lease} that one node at a time holds for a pass. */
  public static final String LEASE = "upkeep";

  private static final Logger log = LoggerFactory.getLogger(SubscriptionUpkeep.class);
  private static final Duration HOLD = Duration.ofMinutes(5);

  private final RecordEventInterests interests;
  private final BusinessCentralErp erp;
  private final BusinessCentralSubscriptions subscriptions;
  private final WatchedSets watchedSets;
  private final BusinessCentralLease lease;
  private final BusinessCentralProperties properties;
  private final RecordSyncProperties sync;
  private final String node = "upkeep-" + UUID.randomUUID();
  private final ReentrantLock passing = new ReentrantLock();
  private final AtomicBoolean wakeUpAsked = new AtomicBoolean();
  private volatile Runnable onWakeUp = () -> {};

  SubscriptionUpkeep(
      RecordEventInterests interests,
      BusinessCentralErp erp,
      BusinessCentralSubscriptions subscriptions,
      WatchedSets watchedSets,
      BusinessCentralLease lease,
      BusinessCentralProperties properties,
      RecordSyncProperties sync) {
    this.interests = interests;
    this.erp = erp;
    this.subscriptions = subscriptions;
    this.watchedSets = watchedSets;
    this.lease = lease;
    this.properties = properties;
    this.sync = sync;
  }

  /**
   * Asks for a pass soon rather than at the next interval, such as after the record sync read a
   * watched set's records for the first time (its subscription can then be made).
   */
  public void wakeUp() {
    wakeUpAsked.set(true);
    onWakeUp.run();
  }

  /** Whether a pass was asked for since the last call. */
  boolean takeWakeUp() {
    return wakeUpAsked.getAndSet(false);
  }

  /** Who to tell at once when a pass is asked for: the schedule's thread. */
  void onWakeUp(Runnable wake) {
    this.onWakeUp = wake;
  }

  /**
   * One pass over the watched sets, when this node gets the lease; false when another node holds
   * it. Passes on one node run one after the other.
   */
  public boolean pass() {
    passing.lock();
    try {
      if (!lease.take(LEASE, node, HOLD)) {
        return false;
      }
      List<String> problems = new ArrayList<>();
      try {
        keepUp(problems);
      } catch (BusinessCentralException | SubscriptionRefusedException e) {
        problems.add(e.getMessage());
        log.warn("Business Central subscription upkeep: {}", e.getMessage());
      } catch (RuntimeException e) {
        problems.add(
            "The upkeep failed with " + e.getClass().getSimpleName() + "; the log says more");
        log.warn("Business Central subscription upkeep failed; trying again at the next pass", e);
      } finally {
        release(problems);
      }
      return true;
    } finally {
      passing.unlock();
    }
  }

  private void release(List<String> problems) {
    try {
      lease.release(LEASE, node, problems.isEmpty() ? null : String.join("; ", problems));
    } catch (DataAccessException e) {
      log.warn("The upkeep lease could not be given back; it runs out by itself", e);
    }
  }

  private void keepUp(List<String> problems) {
    List<Record> companies = erp.companies();
    WatchedSetDemand demand =
        WatchedSetDemand.of(interests.current(), companies, properties.companies());
    problems.addAll(demand.problems());
    Map<WatchedSet.Key, WatchedSet> rows = byKey(watchedSets.all());
    for (WatchedSet.Key key : demand.sets()) {
      if (!rows.containsKey(key)
          && watchedSets.insert(key, demand.companyNames().get(key.companyId()))) {
        log.info(
            "Watching {} of company {}: its records are read first, then it is subscribed",
            key.entitySet(),
            key.companyId());
      }
    }
    for (WatchedSet row : rows.values()) {
      String name = demand.companyNames().get(row.companyId());
      if (name != null && !name.equals(row.companyName())) {
        watchedSets.renameCompany(row.key(), name);
      }
    }
    List<WatchedSet> watched = new ArrayList<>();
    for (WatchedSet row : watchedSets.all()) {
      if (demand.sets().contains(row.key())) {
        watched.add(row);
      } else if (holdLease()) {
        unwatch(row);
      }
    }
    if (subscriptions.notificationUrl() == null) {
      for (WatchedSet row : watched) {
        if (row.subscribed() && holdLease()) {
          attempt(row, () -> drop(row));
        }
      }
      return;
    }
    Optional<List<Subscription>> remote = remote(problems);
    int slots = properties.maxSubscriptions();
    for (WatchedSet row : watched) {
      if (!holdLease()) {
        problems.add("The pass took longer than its lease and stopped; the next one goes on");
        return;
      }
      if (slots <= 0) {
        if (row.subscribed()) {
          attempt(row, () -> drop(row));
        }
        watchedSets.note(
            row.key(),
            "Not subscribed: "
                + BusinessCentralProperties.PREFIX
                + "max-subscriptions ("
                + properties.maxSubscriptions()
                + ") are in use by older watched sets; changes are found by the periodic"
                + " catch-up only");
        continue;
      }
      slots--;
      if (row.baselineReadAt() != null) {
        attempt(row, () -> keep(row, remote));
      }
    }
  }

  /** The subscriptions Business Central has, or empty when it could not be asked. */
  private Optional<List<Subscription>> remote(List<String> problems) {
    try {
      return Optional.of(subscriptions.list());
    } catch (BusinessCentralException | SubscriptionRefusedException e) {
      problems.add(e.getMessage());
      log.warn("Business Central subscription upkeep: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Makes sure a watched set whose records were read has a live subscription. */
  private void keep(WatchedSet row, Optional<List<Subscription>> remote) {
    WatchedSet.Key key = row.key();
    if (row.subscribed()) {
      Optional<Subscription> atBusinessCentral =
          remote.flatMap(
              list -> list.stream().filter(s -> row.subscriptionId().equals(s.id())).findFirst());
      if (remote.isPresent() && atBusinessCentral.isEmpty()) {
        log.warn(
            "Business Central no longer has the subscription {} to {} of company {} (it deletes"
                + " one whose notifications failed); creating it again, a catch-up is due",
            row.subscriptionId(),
            key.entitySet(),
            key.companyId());
        watchedSets.unsubscribed(key);
        create(row);
        return;
      }
      boolean moved =
          atBusinessCentral.map(s -> !isNotificationUrl(s.notificationUrl())).orElse(false);
      if (moved || renewalDue(row.expiresAt())) {
        renew(row, row.subscriptionId(), row.subscriptionEtag());
      }
      return;
    }
    Optional<Subscription> found = remote.flatMap(list -> ours(list, row));
    if (found.isPresent()) {
      // Created by an earlier pass whose answer was lost: take it rather than make a second one.
      Subscription subscription = found.get();
      log.info(
          "Found the subscription {} to {} of company {} at Business Central; a catch-up is due",
          subscription.id(),
          key.entitySet(),
          key.companyId());
      watchedSets.subscribed(key, subscription);
      if (renewalDue(subscription.expiresAt())) {
        renew(row, subscription.id(), subscription.etag());
      }
      return;
    }
    create(row);
  }

  private void create(WatchedSet row) {
    Subscription created = subscriptions.create(row.key(), row.clientState());
    watchedSets.subscribed(row.key(), created);
    log.info(
        "Subscribed to {} of company {} at Business Central (subscription {}, until {}); a"
            + " catch-up is due",
        row.entitySet(),
        row.companyId(),
        created.id(),
        created.expiresAt());
  }

  /**
   * Renews with the etag; 404 means Business Central deleted it (made again), 412 that the etag is
   * stale (read again, renewed once more).
   */
  private void renew(WatchedSet row, String id, String etag) {
    WatchedSet.Key key = row.key();
    try {
      watchedSets.renewed(key, subscriptions.renew(id, etag, key, row.clientState()));
    } catch (SubscriptionRefusedException refused) {
      if (refused.status() == 404) {
        log.warn(
            "Business Central no longer has the subscription {} to {} of company {}; creating it"
                + " again, a catch-up is due",
            id,
            key.entitySet(),
            key.companyId());
        watchedSets.unsubscribed(key);
        create(row);
        return;
      }
      if (refused.status() != 412) {
        throw refused;
      }
      Optional<Subscription> current = subscriptions.get(id);
      if (current.isEmpty()) {
        watchedSets.unsubscribed(key);
        create(row);
        return;
      }
      watchedSets.renewed(
          key, subscriptions.renew(id, current.get().etag(), key, row.clientState()));
    }
    log.debug(
        "Renewed the subscription {} to {} of company {}", id, key.entitySet(), key.companyId());
  }

  /** Stops watching a set no flow needs: its subscription is deleted, then its row. */
  private void unwatch(WatchedSet row) {
    attempt(
        row,
        () -> {
          if (row.subscribed()) {
            deleteAtBusinessCentral(row);
          }
          watchedSets.delete(row.key());
          log.info(
              "No active flow needs {} of company {} any more: it is no longer watched",
              row.entitySet(),
              row.companyId());
        });
  }

  /** Deletes a set's subscription but keeps watching it (by catch-up). */
  private void drop(WatchedSet row) {
    deleteAtBusinessCentral(row);
    watchedSets.unsubscribed(row.key());
  }

  private void deleteAtBusinessCentral(WatchedSet row) {
    try {
      subscriptions.delete(row.subscriptionId(), row.subscriptionEtag());
    } catch (SubscriptionRefusedException refused) {
      if (refused.status() != 412) {
        throw refused;
      }
      Optional<Subscription> current = subscriptions.get(row.subscriptionId());
      if (current.isPresent()) {
        subscriptions.delete(row.subscriptionId(), current.get().etag());
      }
    }
  }

  /** Runs one set's work; a refusal or an unreachable Business Central counts as its failure. */
  private void attempt(WatchedSet row, Runnable work) {
    try {
      work.run();
    } catch (SubscriptionRefusedException | BusinessCentralException e) {
      watchedSets.failed(row.key(), e.getMessage());
      log.warn(
          "Business Central subscription to {} of company {}: {}",
          row.entitySet(),
          row.companyId(),
          e.getMessage());
    }
  }

  /**
   * A subscription of Business Central's that is this watched set's: to Stroomlijn's notification
   * URL and the set's resource, with its client state where Business Central shows one.
   */
  private Optional<Subscription> ours(List<Subscription> remote, WatchedSet row) {
    return remote.stream()
        .filter(s -> s.id() != null)
        .filter(s -> isNotificationUrl(s.notificationUrl()))
        .filter(s -> NotifiedResource.parse(s.resource()).map(r -> r.is(row.key())).orElse(false))
        .filter(
            s ->
                s.clientState() == null
                    || s.clientState().isEmpty()
                    || MessageDigest.isEqual(
                        s.clientState().getBytes(StandardCharsets.UTF_8),
                        row.clientState().getBytes(StandardCharsets.UTF_8)))
        .findFirst();
  }

  private boolean isNotificationUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      return URI.create(url.strip()).equals(subscriptions.notificationUrl());
    } catch (IllegalArgumentException notAUrl) {
      return false;
    }
  }

  private boolean renewalDue(OffsetDateTime expiresAt) {
    return expiresAt == null
        || Duration.between(OffsetDateTime.now(ZoneOffset.UTC), expiresAt)
                .compareTo(sync.renewBefore())
            < 0;
  }

  private boolean holdLease() {
    return lease.take(LEASE, node, HOLD);
  }

  private static Map<WatchedSet.Key, WatchedSet> byKey(List<WatchedSet> rows) {
    Map<WatchedSet.Key, WatchedSet> byKey = new LinkedHashMap<>();
    rows.forEach(row -> byKey.put(row.key(), row));
    return byKey;
  }
}
