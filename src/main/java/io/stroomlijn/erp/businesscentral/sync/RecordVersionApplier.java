package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.RecordChanges;
import io.stroomlijn.erp.RecordEvent;
import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.businesscentral.sync.Observation.Gone;
import io.stroomlijn.erp.businesscentral.sync.Observation.Read;
import io.stroomlijn.erp.businesscentral.sync.SeenRecords.SeenRecord;
import io.stroomlijn.erp.events.RecordEventOutbox;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what reads of Business Central found into record events, exactly once: each record version
 * is compared with the last one seen ({@link SeenRecords}, locked for the transaction) and only a
 * real change becomes an event, written to the event outbox in the same transaction that remembers
 * the version. So a duplicate notification, a collection that overlaps notifications and a catch-up
 * that reads again start nothing twice, on one node or many.
 *
 * <ul>
 *   <li>not seen before: {@code created} (a deletion of a record never seen: {@code deleted} with
 *       only its id);
 *   <li>older than the version seen: a stale read, ignored; the same modification time and etag: a
 *       duplicate, ignored;
 *   <li>otherwise {@code modified} with the version seen as {@code previousRecord} and the fields
 *       whose value differs as {@code changedFields} (by {@link RecordChanges}, as the embedded ERP
 *       counts them: the modification time alone is no change, and no changed field is no event);
 *       {@code posted} instead when {@link PostingRule} says the change posted a document;
 *   <li>gone: {@code deleted} with the record as it was last seen, and a tombstone, so a repeated
 *       deletion is ignored; a version older than the deletion is ignored, a newer one (the same id
 *       back) is a creation again.
 * </ul>
 *
 * Business Central's API does not say who changed a record, so events name {@value #CHANGED_BY} as
 * the one who changed it; {@code changedAt} is the record's {@code lastModifiedDateTime} (the time
 * the deletion was seen, for a deletion).
 */
final class RecordVersionApplier {

  /** The {@code changedBy} of every event from Business Central. */
  static final String CHANGED_BY = "business-central";

  private static final int ATTEMPTS = 3;

  private final SeenRecords seen;
  private final RecordEventOutbox outbox;
  private final RecordEventRelay relay;
  private final TransactionTemplate transaction;

  RecordVersionApplier(
      SeenRecords seen,
      RecordEventOutbox outbox,
      RecordEventRelay relay,
      TransactionTemplate transaction) {
    this.seen = seen;
    this.outbox = outbox;
    this.relay = relay;
    this.transaction = transaction;
  }

  /**
   * Applies observations of one watched set in one transaction, together with {@code
   * alsoInTransaction} (such as removing the notification that was read), then wakes the relay. Two
   * nodes that both add a record not seen before collide on its key: the loser's transaction is
   * rolled back and applied again, now comparing with the winner's version.
   */
  List<RecordEvent> applyAndCommit(
      UUID companyId,
      String entitySet,
      List<Observation> observations,
      RecordEventSource source,
      Runnable alsoInTransaction) {
    List<RecordEvent> events =
        inTransaction(
            () -> {
              List<RecordEvent> applied = apply(companyId, entitySet, observations, source, true);
              alsoInTransaction.run();
              return applied;
            });
    if (!events.isEmpty()) {
      relay.wakeUp();
    }
    return events;
  }

  /** Remembers versions without events, in a transaction: the first read of a set is no change. */
  void rememberAndCommit(UUID companyId, String entitySet, List<RecordVersion> versions) {
    inTransaction(
        () ->
            apply(
                companyId,
                entitySet,
                versions.stream().map(v -> (Observation) new Read(v)).toList(),
                null,
                false));
  }

  /** Runs work in a transaction of its own, again when it lost a race on a key or a lock. */
  <T> T inTransaction(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
        if (attempt >= ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  private List<RecordEvent> apply(
      UUID companyId,
      String entitySet,
      List<Observation> observations,
      RecordEventSource source,
      boolean emit) {
    if (observations.isEmpty()) {
      return List.of();
    }
    Map<UUID, SeenRecord> known =
        seen.lock(companyId, entitySet, observations.stream().map(Observation::recordId).toList());
    Set<UUID> existing = Set.copyOf(known.keySet());
    Map<UUID, SeenRecord> changed = new LinkedHashMap<>();
    List<RecordEvent> events = new ArrayList<>();
    for (Observation observation : observations) {
      SeenRecord before = known.get(observation.recordId());
      Outcome outcome =
          emit
              ? decide(entitySet, before, observation)
              : new Outcome(null, remembered(observation), List.of());
      if (outcome.after() == null) {
        continue;
      }
      known.put(observation.recordId(), outcome.after());
      changed.put(observation.recordId(), outcome.after());
      if (outcome.type() != null) {
        events.add(event(companyId, entitySet, before, outcome, source));
      }
    }
    seen.insert(
        companyId,
        entitySet,
        changed.values().stream().filter(r -> !existing.contains(r.id())).toList());
    seen.update(
        companyId,
        entitySet,
        changed.values().stream().filter(r -> existing.contains(r.id())).toList());
    if (!events.isEmpty()) {
      outbox.append(events);
    }
    return events;
  }

  /**
   * What an observation means against the version seen before: the event type (null for none), the
   * record to remember (null to leave it as it is) and the changed fields.
   */
  record Outcome(RecordEventType type, SeenRecord after, List<String> changedFields) {}

  static Outcome decide(String entitySet, SeenRecord before, Observation observation) {
    if (observation instanceof Gone gone) {
      if (before == null) {
        return new Outcome(
            RecordEventType.DELETED,
            new SeenRecord(
                gone.recordId(),
                gone.observedAt(),
                null,
                Map.of("id", gone.recordId().toString()),
                true),
            List.of());
      }
      if (before.deleted()) {
        return new Outcome(null, null, List.of());
      }
      return new Outcome(
          RecordEventType.DELETED,
          new SeenRecord(
              before.id(),
              later(before.lastModified(), gone.observedAt()),
              before.etag(),
              before.fields(),
              true),
          List.of());
    }
    RecordVersion version = ((Read) observation).version();
    SeenRecord after = remembered(observation);
    if (before == null) {
      return new Outcome(RecordEventType.CREATED, after, List.of());
    }
    if (before.deleted()) {
      // Back after its deletion: only a version modified after the deletion was seen.
      if (version.lastModified() == null
          || before.lastModified() == null
          || !version.lastModified().isAfter(before.lastModified())) {
        return new Outcome(null, null, List.of());
      }
      return PostingRule.isPosting(entitySet, before.fields(), version.fields())
          ? new Outcome(
              RecordEventType.POSTED,
              after,
              RecordChanges.changedFields(before.fields(), version.fields()))
          : new Outcome(RecordEventType.CREATED, after, List.of());
    }
    if (version.lastModified() != null
        && before.lastModified() != null
        && version.lastModified().isBefore(before.lastModified())) {
      return new Outcome(null, null, List.of());
    }
    if (sameTime(version.lastModified(), before.lastModified())
        && version.etag() != null
        && version.etag().equals(before.etag())) {
      return new Outcome(null, null, List.of());
    }
    List<String> changed = RecordChanges.changedFields(before.fields(), version.fields());
    if (changed.isEmpty()) {
      return new Outcome(null, after, List.of());
    }
    RecordEventType type =
        PostingRule.isPosting(entitySet, before.fields(), version.fields())
            ? RecordEventType.POSTED
            : RecordEventType.MODIFIED;
    return new Outcome(type, after, changed);
  }

  private static SeenRecord remembered(Observation observation) {
    if (observation instanceof Read read) {
      RecordVersion version = read.version();
      return new SeenRecord(
          version.id(), version.lastModified(), version.etag(), version.fields(), false);
    }
    Gone gone = (Gone) observation;
    return new SeenRecord(
        gone.recordId(), gone.observedAt(), null, Map.of("id", gone.recordId().toString()), true);
  }

  private static RecordEvent event(
      UUID companyId,
      String entitySet,
      SeenRecord before,
      Outcome outcome,
      RecordEventSource source) {
    SeenRecord after = outcome.after();
    boolean deleted = outcome.type() == RecordEventType.DELETED;
    boolean withPrevious =
        outcome.type() == RecordEventType.MODIFIED || outcome.type() == RecordEventType.POSTED;
    OffsetDateTime changedAt =
        deleted || after.lastModified() == null
            ? OffsetDateTime.now(ZoneOffset.UTC)
            : after.lastModified();
    return new RecordEvent(
        UUID.randomUUID(),
        0,
        companyId,
        entitySet,
        after.id(),
        outcome.type(),
        after.fields(),
        withPrevious ? before.fields() : null,
        outcome.changedFields(),
        CHANGED_BY,
        changedAt,
        source);
  }

  private static boolean sameTime(OffsetDateTime a, OffsetDateTime b) {
    return a == null ? b == null : b != null && a.toInstant().equals(b.toInstant());
  }

  private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
