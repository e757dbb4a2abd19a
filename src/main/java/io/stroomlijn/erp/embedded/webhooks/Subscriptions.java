package io.stroomlijn.erp.embedded.webhooks;

import io.stroomlijn.erp.ErpPermissions;
import io.stroomlijn.erp.ErpPermissions.Access;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordChangedException;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creating, renewing, listing and deleting webhook subscriptions, as Business Central does: a
 * subscription exists only after its notification URL answered the handshake, lives three days
 * unless renewed, and needs read permission on its company. A user sees and changes their own
 * subscriptions; administrators see and change all.
 */
@Service
class Subscriptions {

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
  private static final String CLIENT_STATE = "clientState";
  private static final int MAX_LENGTH = 2048;
  private static final Set<String> WRITABLE =
      Set.of(NotificationUrls.FIELD, SubscribedResource.FIELD, CLIENT_STATE);

  /** Read-only properties a client may send back (Business Central's own example does). */
  private static final Set<String> READ_ONLY =
      Set.of(
          "subscriptionId",
          "userId",
          "lastModifiedDateTime",
          "expirationDateTime",
          "timestamp",
          "systemCreatedAt",
          "systemCreatedBy",
          "systemModifiedAt",
          "systemModifiedBy",
          "@odata.etag",
          "@odata.context");

  private final SubscriptionStore store;
  private final NotificationUrls urls;
  private final ErpPermissions permissions;
  private final Companies companies;
  private final EntitySets sets;
  private final WebhookProperties properties;

  Subscriptions(
      SubscriptionStore store,
      NotificationUrls urls,
      ErpPermissions permissions,
      Companies companies,
      EntitySets sets,
      WebhookProperties properties) {
    this.store = store;
    this.urls = urls;
    this.permissions = permissions;
    this.companies = companies;
    this.sets = sets;
    this.properties = properties;
  }

  Subscription create(String user, Map<String, Object> body) {
    requireKnownProperties(body);
    String notificationUrl = required(body, NotificationUrls.FIELD);
    String resource = required(body, SubscribedResource.FIELD);
    String clientState = optional(body, CLIENT_STATE, "");
    SubscribedResource target = target(user, resource);
    URI url = urls.check(notificationUrl);
    OffsetDateTime now = now();
    if (store.countActive(now) >= properties.maxSubscriptions()) {
      throw new InvalidRequestException(
          "BadRequest_TooManySubscriptions",
          null,
          "There are already "
              + properties.maxSubscriptions()
              + " subscriptions, the most allowed. Delete one you no longer need first.");
    }
    handshake(url);
    Subscription subscription =
        new Subscription(
            UUID.randomUUID().toString().replace("-", ""),
            url.toString(),
            resource,
            target,
            clientState,
            user,
            now.plus(properties.expiration()),
            now,
            user,
            now,
            user,
            1);
    store.insert(subscription);
    log.info("Webhook subscription {} created by {} on {}", subscription.id(), user, resource);
    return subscription;
  }

  /** Renews a subscription, with any new values from the body: a new handshake, a new expiry. */
  Subscription renew(String user, String id, String ifMatch, Map<String, Object> body) {
    Subscription current = get(user, id);
    requireMatch(current, ifMatch);
    requireKnownProperties(body);
    String notificationUrl = optional(body, NotificationUrls.FIELD, current.notificationUrl());
    String resource = optional(body, SubscribedResource.FIELD, current.resource());
    String clientState = optional(body, CLIENT_STATE, current.clientState());
    SubscribedResource target = target(user, resource);
    URI url = urls.check(notificationUrl);
    handshake(url);
    OffsetDateTime now = now();
    Subscription renewed =
        new Subscription(
            current.id(),
            url.toString(),
            resource,
            target,
            clientState,
            current.userId(),
            now.plus(properties.expiration()),
            current.createdAt(),
            current.createdBy(),
            now,
            user,
            current.version() + 1);
    if (!store.update(renewed, current.version())) {
      throw changedMeanwhile();
    }
    log.info("Webhook subscription {} renewed by {}", id, user);
    return renewed;
  }

  void delete(String user, String id, String ifMatch) {
    Subscription current = get(user, id);
    if (ifMatch != null && !ifMatch.isBlank()) {
      requireMatch(current, ifMatch);
    }
    store.delete(id);
    log.info("Webhook subscription {} deleted by {}", id, user);
  }

  /** The caller's subscriptions (an administrator's: all). */
  List<Subscription> list(String user) {
    return store.list(permissions.isAdministrator(user) ? null : user);
  }

  /** One subscription of the caller's (any, for an administrator); not found otherwise. */
  Subscription get(String user, String id) {
    return store
        .find(id)
        .filter(found -> found.userId().equals(user) || permissions.isAdministrator(user))
        .orElseThrow(
            () -> new RecordNotFoundException("The subscription '" + id + "' does not exist."));
  }

  /** The company and entity set of a resource the user may read and subscribe to. */
  private SubscribedResource target(String user, String resource) {
    SubscribedResource target = SubscribedResource.parse(resource);
    permissions.require(user, target.companyId(), Access.READ);
    if (!companies.exists(target.companyId())) {
      throw new InvalidRequestException(
          SubscribedResource.FIELD,
          "The company with id " + target.companyId() + " does not exist.");
    }
    EntitySetDefinition set =
        sets.find(target.entitySet())
            .filter(
                found -> found.kind() == EntityKind.MASTER || found.kind() == EntityKind.DOCUMENT)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        SubscribedResource.FIELD,
                        "'"
                            + target.entitySet()
                            + "' does not support webhooks; subscribe to master data or"
                            + " documents (changes to a line notify its document)."));
    return new SubscribedResource(target.companyId(), set.name());
  }

  private void handshake(URI url) {
    String failure = urls.handshake(url);
    if (failure != null) {
      throw new InvalidRequestException(
          "BadRequest_SubscriptionValidationFailed",
          NotificationUrls.FIELD,
          "The handshake with the notificationUrl failed: "
              + failure
              + ". It must answer the request with ?validationToken=... with 200 and the token as"
              + " its body.");
    }
  }

  private static void requireMatch(Subscription current, String ifMatch) {
    List<String> etags = Arrays.stream(ifMatch.split(",")).map(String::trim).toList();
    if (!(etags.size() == 1 && etags.get(0).equals("*")) && !etags.contains(current.etag())) {
      throw changedMeanwhile();
    }
  }

  private static RecordChangedException changedMeanwhile() {
    return new RecordChangedException(
        "The subscription was changed since you read it. Read it again and retry with its new"
            + " etag.");
  }

  private static void requireKnownProperties(Map<String, Object> body) {
    for (String name : body.keySet()) {
      if (!WRITABLE.contains(name) && !READ_ONLY.contains(name)) {
        throw new InvalidRequestException(
            "BadRequest_PropertyNotFound",
            name,
            "The property '" + name + "' does not exist on type 'Microsoft.NAV.subscriptions'.");
      }
    }
  }

  private static String required(Map<String, Object> body, String name) {
    String value = optional(body, name, null);
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(
          "BadRequest_RequiredField", name, "'" + name + "' is required.");
    }
    return value;
  }

  private static String optional(Map<String, Object> body, String name, String otherwise) {
    if (!body.containsKey(name)) {
      return otherwise;
    }
    if (!(body.get(name) instanceof String value)) {
      throw new InvalidRequestException(
          "BadRequest_InvalidValue", name, "'" + name + "' must be a string.");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidRequestException(
          "BadRequest_InvalidValue",
          name,
          "'" + name + "' is longer than " + MAX_LENGTH + " characters.");
    }
    return value;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
