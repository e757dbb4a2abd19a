package io.stroomlijn.erp.embedded.approval;

import io.stroomlijn.erp.ApprovalRequest;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.document.Documents;
import io.stroomlijn.erp.embedded.records.ChangeLog;
import io.stroomlijn.erp.embedded.records.RecordStore;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Business Central's approval requests: {@code Microsoft.NAV.sendApprovalRequest} puts a record in
 * the hands of the approval flows (event {@code approvalRequested}; a document becomes Pending
 * Approval, locked for editing), {@code Microsoft.NAV.cancelApprovalRequest} takes it back (event
 * {@code approvalCanceled}), and the flow's outcome releases the document or reopens it. One
 * request per record at a time ({@code erp_approval_request}).
 */
@Component
public class ApprovalRequests {

  /** The API status of a document while its approval is pending, as in Business Central. */
  static final String IN_REVIEW = "In Review";

  static final String DRAFT = "Draft";

  /** The API status of an approved sales order (invoices have no such status: they stay Draft). */
  static final String RELEASED = "Released";

  private final RecordStore store;
  private final ChangeLog changeLog;
  private final Documents documents;
  private final ApprovalEntries entries;
  private final JdbcTemplate jdbc;

  ApprovalRequests(
      RecordStore store,
      ChangeLog changeLog,
      Documents documents,
      ApprovalEntries entries,
      JdbcTemplate jdbc) {
    this.store = store;
    this.changeLog = changeLog;
    this.documents = documents;
    this.entries = entries;
    this.jdbc = jdbc;
  }

  public StoredRecord send(WriteContext context, EntitySetDefinition set, UUID id) {
    StoredRecord record = store.locked(context, set, id);
    String name = describe(set, record);
    if (find(context.companyId(), set.name(), id).filter(ApprovalRequest::pending).isPresent()) {
      throw refused(
          "BadRequest_ApprovalPending", "An approval request for " + name + " is already pending.");
    }
    StoredRecord requested = record;
    if (set.kind() == EntityKind.DOCUMENT) {
      if (!DRAFT.equals(record.get("status"))) {
        throw refused(
            "BadRequest_DocumentNotEditable",
            "Only draft documents can be sent for approval; "
                + name
                + " has status '"
                + record.get("status")
                + "'.");
      }
      if (EntitySets.APPROVAL_RELEASED.equals(record.get(EntitySets.APPROVAL_STATUS))) {
        throw refused("BadRequest_AlreadyApproved", name + " is already approved (Released).");
      }
      if (documents.lineCount(context, set, id) == 0) {
        throw refused(
            "BadRequest_NothingToApprove",
            "There is nothing to approve because " + name + " has no lines.");
      }
      requested =
          store.save(
              context,
              set,
              record,
              withStatus(record, EntitySets.APPROVAL_PENDING, IN_REVIEW),
              RecordEventType.APPROVAL_REQUESTED);
    } else {
      // A customer, vendor or item does not change; the request itself is the event.
      changeLog.changed(
          RecordEventType.APPROVAL_REQUESTED,
          set,
          context.companyId(),
          record,
          record,
          context.user());
    }
    saveRequest(context, set.name(), id, ApprovalRequest.PENDING);
    return requested;
  }

  public StoredRecord cancel(WriteContext context, EntitySetDefinition set, UUID id) {
    StoredRecord record = store.locked(context, set, id);
    if (find(context.companyId(), set.name(), id).filter(ApprovalRequest::pending).isEmpty()) {
      throw refused(
          "BadRequest_NoPendingApproval",
          "There is no pending approval request for " + describe(set, record) + ".");
    }
    saveRequest(context, set.name(), id, ApprovalRequest.CANCELED);
    entries.cancelOpen(context, set.name(), id);
    if (set.kind() == EntityKind.DOCUMENT) {
      return store.save(
          context,
          set,
          record,
          withStatus(record, EntitySets.APPROVAL_OPEN, DRAFT),
          RecordEventType.APPROVAL_CANCELED);
    }
    changeLog.changed(
        RecordEventType.APPROVAL_CANCELED,
        set,
        context.companyId(),
        record,
        record,
        context.user());
    return record;
  }

  /** The outcome of a pending request: a document is released, or returns to Open. */
  public void complete(WriteContext context, EntitySetDefinition set, UUID id, boolean approved) {
    StoredRecord record = store.locked(context, set, id);
    if (find(context.companyId(), set.name(), id).filter(ApprovalRequest::pending).isEmpty()) {
      throw refused(
          "BadRequest_NoPendingApproval",
          "There is no pending approval request for " + describe(set, record) + ".");
    }
    saveRequest(
        context, set.name(), id, approved ? ApprovalRequest.APPROVED : ApprovalRequest.REJECTED);
    entries.cancelOpen(context, set.name(), id);
    if (set.kind() == EntityKind.DOCUMENT) {
      store.save(
          context,
          set,
          record,
          withStatus(
              record,
              approved ? EntitySets.APPROVAL_RELEASED : EntitySets.APPROVAL_OPEN,
              approved && hasStatus(set, RELEASED) ? RELEASED : DRAFT),
          RecordEventType.MODIFIED);
    }
  }

  public Optional<ApprovalRequest> find(UUID companyId, String entitySet, UUID recordId) {
    return jdbc
        .query(
            "SELECT status, requested_by, requested_at FROM erp_approval_request"
                + " WHERE company_id = ? AND entity_set = ? AND record_id = ?",
            (row, index) ->
                new ApprovalRequest(
                    companyId,
                    entitySet,
                    recordId,
                    row.getString("status"),
                    row.getString("requested_by"),
                    row.getTimestamp("requested_at").toInstant().atOffset(ZoneOffset.UTC)),
            companyId,
            entitySet,
            recordId)
        .stream()
        .findFirst();
  }

  private void saveRequest(WriteContext context, String entitySet, UUID id, String status) {
    if (ApprovalRequest.PENDING.equals(status)) {
      jdbc.update(
          "DELETE FROM erp_approval_request WHERE company_id = ? AND entity_set = ? AND record_id = ?",
          context.companyId(),
          entitySet,
          id);
      jdbc.update(
          "INSERT INTO erp_approval_request"
              + " (company_id, entity_set, record_id, status, requested_by, requested_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          context.companyId(),
          entitySet,
          id,
          status,
          context.user(),
          Timestamp.from(context.now().toInstant()));
    } else {
      jdbc.update(
          "UPDATE erp_approval_request SET status = ?"
              + " WHERE company_id = ? AND entity_set = ? AND record_id = ?",
          status,
          context.companyId(),
          entitySet,
          id);
    }
  }

  private static Map<String, Object> withStatus(
      StoredRecord record, String approvalStatus, String status) {
    Map<String, Object> values = new LinkedHashMap<>(record.values());
    values.put(EntitySets.APPROVAL_STATUS, approvalStatus);
    values.put("status", status);
    return values;
  }

  private static boolean hasStatus(EntitySetDefinition set, String status) {
    return set.field("status").map(field -> field.enumValues().contains(status)).orElse(false);
  }

  static String describe(EntitySetDefinition set, StoredRecord record) {
    Object number = record.get("number");
    return "the "
        + set.entityName()
        + (number == null || number.toString().isBlank() ? "" : " " + number);
  }

  private static InvalidRequestException refused(String code, String message) {
    return new InvalidRequestException(code, EntitySets.APPROVAL_STATUS, message);
  }
}
