package io.stroomlijn.erp.businesscentral.sync;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * The last errors of this node's record sync, newest first, for the status endpoint. Messages are
 * those of {@link io.stroomlijn.erp.businesscentral.BusinessCentralException} and the sync's own,
 * which never hold a token or secret; they are cut to a few hundred characters.
 */
final class SyncErrors {

  static final int KEPT = 20;
  private static final int MAX_MESSAGE = 500;

  private final Deque<RecordSyncStatus.SyncError> errors = new ArrayDeque<>();

  synchronized void add(UUID companyId, String entitySet, String activity, Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    add(companyId, entitySet, activity, message);
  }

  synchronized void add(UUID companyId, String entitySet, String activity, String message) {
    String text =
        message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    errors.addFirst(
        new RecordSyncStatus.SyncError(
            OffsetDateTime.now(ZoneOffset.UTC), companyId, entitySet, activity, text));
    while (errors.size() > KEPT) {
      errors.removeLast();
    }
  }

  synchronized List<RecordSyncStatus.SyncError> last() {
    return List.copyOf(new ArrayList<>(errors));
  }
}
