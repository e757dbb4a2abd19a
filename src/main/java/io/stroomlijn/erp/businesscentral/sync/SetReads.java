package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.RecordChanges;
import io.stroomlijn.erp.RecordEventSource;
import io.stroomlijn.erp.businesscentral.sync.ReadProgress.SetProgress;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Reads of a whole watched set: the first read (baseline) and the catch-up.
 *
 * <p>The <b>baseline</b> reads every record, page by page in Business Central's key order, and
 * remembers each without an event: what exists when a set becomes watched is no change. Its
 * watermark is the time just <em>before</em> the read started (by Business Central's clock when its
 * first answer says so and that is earlier, else ours), not the newest modification time read: a
 * record changed while the read was on later pages may have been read in its old version and carry
 * an older time than the newest read, so only the start is safe. The catch-up the upkeep asks for
 * after subscribing then finds everything changed since (reading a little again is harmless: the
 * same version is no event).
 *
 * <p>A <b>catch-up</b> reads {@code lastModifiedDateTime gt (watermark - catch-up-overlap)} ordered
 * by modification time and applies every record, so a change Business Central never notified (or
 * that happened while Stroomlijn was down) still becomes its event, once. The watermark moves to
 * the newest modification time read, page by page, so a failed catch-up resumes near where it
 * stopped. The overlap covers a change whose modification time was set before another's but that
 * committed after it. A catch-up does not find deletions (a deleted record has no modification time
 * to find); their notifications do, and Business Central retries those for 36 hours.
 *
 * <p>A set whose records have no {@code lastModifiedDateTime} (or that Business Central will not
 * filter by it) is <b>read whole</b> at every catch-up and compared with what was seen; a record
 * seen before and missing from the read is read by id, and only a record that is really gone
 * becomes a deletion.
 */
final class SetReads {

  private static final String ORDER = "$orderby=" + RecordChanges.LAST_MODIFIED;

  private final ChangeReads reads;
  private final ApiAddresses addresses;
  private final RecordVersionApplier applier;
  private final SeenRecords seen;
  private final ReadProgress sets;
  private final Duration overlap;
  private final Duration deletionCheckInterval;

  SetReads(
      ChangeReads reads,
      ApiAddresses addresses,
      RecordVersionApplier applier,
      SeenRecords seen,
      ReadProgress sets,
      Duration overlap,
      Duration deletionCheckInterval) {
    this.deletionCheckInterval = deletionCheckInterval;
    this.reads = reads;
    this.addresses = addresses;
    this.applier = applier;
    this.seen = seen;
    this.sets = sets;
    this.overlap = overlap;
  }

  /** Reads a set for the first time; false when {@code keepGoing} stopped it (it starts over). */
  boolean baseline(SetProgress set, BooleanSupplier keepGoing) {
    UUID company = set.companyId();
    String entitySet = set.entitySet();
    OffsetDateTime start = now();
    applier.inTransaction(
        () -> {
          seen.forget(company, entitySet);
          return null;
        });
    boolean[] withoutTimes = {false};
    List<OffsetDateTime> firstAnswer = new ArrayList<>(1);
    boolean finished =
        reads.pages(
            addresses.collection(company, entitySet),
            entitySet,
            page -> {
              if (firstAnswer.isEmpty()) {
                firstAnswer.add(page.servedAt());
              }
              if (page.records().stream().anyMatch(r -> r.lastModified() == null)) {
                withoutTimes[0] = true;
              }
              applier.rememberAndCommit(company, entitySet, page.records());
              return keepGoing.getAsBoolean();
            });
    if (!finished) {
      return false;
    }
    OffsetDateTime answered = firstAnswer.isEmpty() ? null : firstAnswer.get(0);
    OffsetDateTime watermark = answered != null && answered.isBefore(start) ? answered : start;
    applier.inTransaction(
        () -> {
          sets.baselineRead(company, entitySet, now(), watermark, withoutTimes[0]);
          return null;
        });
    return true;
  }

  /** Catches up with a set; false when {@code keepGoing} stopped it. */
  boolean catchUp(SetProgress set, BooleanSupplier keepGoing) {
    boolean readsAll = set.readsAll();
    boolean finished;
    if (readsAll) {
      finished = readAll(set, keepGoing);
    } else {
      try {
        finished = readChanged(set, keepGoing) && checkDeletions(set, keepGoing);
      } catch (SyncReadException e) {
        if (e.status() != 400) {
          throw e;
        }
        // Business Central does not filter this set by modification time: compare it whole.
        readsAll = true;
        finished = readAll(set, keepGoing);
      }
    }
    if (finished) {
      boolean all = readsAll;
      applier.inTransaction(
          () -> {
            sets.caughtUp(set.companyId(), set.entitySet(), now(), all);
            return null;
          });
    }
    return finished;
  }

  private boolean readChanged(SetProgress set, BooleanSupplier keepGoing) {
    UUID company = set.companyId();
    String entitySet = set.entitySet();
    URI first =
        set.watermark() == null
            ? addresses.collection(company, entitySet, ORDER)
            : addresses.collection(
                company,
                entitySet,
                "$filter="
                    + ApiAddresses.encode(
                        RecordChanges.LAST_MODIFIED
                            + " gt "
                            + DateTimeFormatter.ISO_INSTANT.format(
                                set.watermark().minus(overlap).toInstant()))
                    + "&"
                    + ORDER);
    return reads.pages(
        first,
        entitySet,
        page -> {
          OffsetDateTime newest =
              page.records().stream()
                  .map(RecordVersion::lastModified)
                  .filter(time -> time != null)
                  .max(OffsetDateTime::compareTo)
                  .orElse(null);
          applier.applyAndCommit(
              company,
              entitySet,
              read(page.records()),
              RecordEventSource.CATCH_UP,
              () -> {
                if (newest != null) {
                  sets.advanceWatermark(company, entitySet, newest);
                }
              });
          return keepGoing.getAsBoolean();
        });
  }

  private boolean readAll(SetProgress set, BooleanSupplier keepGoing) {
    UUID company = set.companyId();
    String entitySet = set.entitySet();
    Set<UUID> found = new HashSet<>();
    boolean finished =
        reads.pages(
            addresses.collection(company, entitySet),
            entitySet,
            page -> {
              page.records().forEach(record -> found.add(record.id()));
              applier.applyAndCommit(
                  company, entitySet, read(page.records()), RecordEventSource.CATCH_UP, () -> {});
              return keepGoing.getAsBoolean();
            });
    if (!finished) {
      return false;
    }
    return confirmMissing(company, entitySet, found, keepGoing);
  }

  /**
   * When due, compares the set's ids with the records seen: a deletion whose notification was lost
   * is found by no filter on modification time. Reads only ids, in pages of Business Central's
   * largest size; false when {@code keepGoing} stopped it.
   */
  private boolean checkDeletions(SetProgress set, BooleanSupplier keepGoing) {
    OffsetDateTime started = now();
    if (set.lastDeletionCheckAt() != null
        && set.lastDeletionCheckAt().plus(deletionCheckInterval).isAfter(started)) {
      return true;
    }
    UUID company = set.companyId();
    String entitySet = set.entitySet();
    Set<UUID> found = new HashSet<>();
    boolean finished =
        reads.pages(
            addresses.collection(company, entitySet, "$select=id"),
            entitySet,
            ChangeReads.LARGEST_PAGE,
            page -> {
              page.records().forEach(record -> found.add(record.id()));
              return keepGoing.getAsBoolean();
            });
    if (!finished || !confirmMissing(company, entitySet, found, keepGoing)) {
      return false;
    }
    sets.deletionsChecked(company, entitySet, started);
    return true;
  }

  /**
   * Reads by id the records seen but not among {@code found}: only those Business Central no longer
   * has become deletions (one created or changed meanwhile is just read).
   */
  private boolean confirmMissing(
      UUID company, String entitySet, Set<UUID> found, BooleanSupplier keepGoing) {
    List<UUID> missing =
        seen.liveIds(company, entitySet).stream().filter(id -> !found.contains(id)).toList();
    for (int from = 0; from < missing.size(); from += ChangeReads.IDS_PER_REQUEST) {
      List<UUID> chunk =
          missing.subList(from, Math.min(missing.size(), from + ChangeReads.IDS_PER_REQUEST));
      applier.applyAndCommit(
          company,
          entitySet,
          reads.records(company, entitySet, chunk),
          RecordEventSource.CATCH_UP,
          () -> {});
      if (!keepGoing.getAsBoolean()) {
        return false;
      }
    }
    return true;
  }

  private static List<Observation> read(List<RecordVersion> versions) {
    return versions.stream().map(v -> (Observation) new Observation.Read(v)).toList();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
