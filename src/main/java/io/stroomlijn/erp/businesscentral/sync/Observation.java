package io.stroomlijn.erp.businesscentral.sync;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What a read found out about one record: a version of it, or that it is gone. */
sealed interface Observation {

  UUID recordId();

  /** The record exists and looks like this. */
  record Read(RecordVersion version) implements Observation {
    @Override
    public UUID recordId() {
      return version.id();
    }
  }

  /**
   * The record does not exist (any more): Business Central answered 404, or a filter on its id
   * found nothing.
   *
   * @param observedAt when Business Central answered, by its clock where it said so: a version
   *     modified before this is older than the deletion
   */
  record Gone(UUID recordId, OffsetDateTime observedAt) implements Observation {}
}
