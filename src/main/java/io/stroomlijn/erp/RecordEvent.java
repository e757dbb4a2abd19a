package io.stroomlijn.erp;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A committed change of one ERP record: the net change a transaction made to it (a record created
 * and then completed in one transaction is one creation, with its final fields).
 *
 * @param eventId unique id of this change, stable across redeliveries
 * @param sequence position of this change in the ERP's commit order
 * @param companyId the record's company
 * @param entitySet the record's entity set, such as {@code vendors}
 * @param recordId the record's id (its SystemId)
 * @param type what happened
 * @param record the fields after the change (before it, for a deletion), as JSON values: text (also
 *     for GUIDs, dates and times), numbers and booleans
 * @param previousRecord the fields before the change, for modifications and postings; else null
 * @param changedFields names of the fields whose value changed, for modifications and postings
 * @param changedBy the user who made the change
 * @param changedAt when the change was committed
 * @param source how Stroomlijn learnt of the change
 */
public record RecordEvent(
    UUID eventId,
    long sequence,
    UUID companyId,
    String entitySet,
    UUID recordId,
    RecordEventType type,
    Map<String, Object> record,
    Map<String, Object> previousRecord,
    List<String> changedFields,
    String changedBy,
    OffsetDateTime changedAt,
    RecordEventSource source) {

  public RecordEvent {
    changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    source = source == null ? RecordEventSource.COMMIT : source;
  }
}
