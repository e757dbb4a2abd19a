package io.stroomlijn.erp.embedded.approval;

import io.stroomlijn.erp.ApprovalRequest;
import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.embedded.ErpTransactions;
import io.stroomlijn.erp.embedded.records.RecordReader;
import io.stroomlijn.erp.embedded.records.RecordStore;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The embedded ERP's side of approvals, behind the {@link ErpApprovals} port. */
@Service
public class EmbeddedApprovals implements ErpApprovals {

  private static final Set<String> RESPONSES = Set.of("Approved", "Rejected");

  private final EntitySets sets;
  private final ErpTransactions transactions;
  private final ApprovalRequests requests;
  private final ApprovalEntries entries;
  private final RecordStore store;

  EmbeddedApprovals(
      EntitySets sets,
      ErpTransactions transactions,
      ApprovalRequests requests,
      ApprovalEntries entries,
      RecordStore store) {
    this.sets = sets;
    this.transactions = transactions;
    this.requests = requests;
    this.entries = entries;
    this.store = store;
  }

  @Override
  public Optional<ApprovalRequest> request(UUID companyId, String entitySet, UUID recordId) {
    return requests.find(companyId, entitySet, recordId);
  }

  @Override
  public Record openEntry(UUID companyId, NewApprovalEntry entry, String changedBy) {
    EntitySetDefinition set = approvable(entry.entitySet());
    return transactions.write(
        companyId,
        changedBy,
        context -> {
          StoredRecord record = store.locked(context, set, entry.recordId());
          return toRecord(entries.open(context, entry, set, record));
        });
  }

  @Override
  public Record respond(
      UUID companyId, UUID entryId, String status, String comment, String changedBy) {
    if (!RESPONSES.contains(status)) {
      throw new InvalidRequestException(
          "status", "A response is Approved or Rejected, not '" + status + "'.");
    }
    return transactions.write(
        companyId,
        changedBy,
        context ->
            toRecord(
                entries.update(
                    context,
                    entryId,
                    Map.of("status", status, "comment", comment == null ? "" : comment))));
  }

  @Override
  public Record reassign(UUID companyId, UUID entryId, String approver, String changedBy) {
    return transactions.write(
        companyId,
        changedBy,
        context ->
            toRecord(entries.update(context, entryId, Map.of("approverUserName", approver))));
  }

  @Override
  public void complete(
      UUID companyId, String entitySet, UUID recordId, boolean approved, String changedBy) {
    EntitySetDefinition set = approvable(entitySet);
    transactions.write(
        companyId,
        changedBy,
        context -> {
          requests.complete(context, set, recordId, approved);
          return null;
        });
  }

  private EntitySetDefinition approvable(String entitySet) {
    EntitySetDefinition set =
        sets.find(entitySet)
            .orElseThrow(
                () ->
                    new RecordNotFoundException(
                        "Resource not found for the segment '" + entitySet + "'."));
    if (!set.actions().contains(EntitySets.SEND_APPROVAL_REQUEST)) {
      throw new InvalidRequestException(
          "entitySet", "Records of " + entitySet + " do not go through approvals.");
    }
    return set;
  }

  private Record toRecord(StoredRecord entry) {
    return RecordReader.toRecord(entries.entries(), entry, List.of(), Map.of());
  }
}
