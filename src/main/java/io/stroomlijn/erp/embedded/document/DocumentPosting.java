package io.stroomlijn.erp.embedded.document;

import io.stroomlijn.erp.ApprovalPolicy;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.embedded.records.RecordStore;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.DocumentSpec;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.schema.FieldType;
import io.stroomlijn.erp.embedded.storage.NumberSeriesTable;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Posts a draft invoice ({@code Microsoft.NAV.post}): it gets a posted number and status Open and
 * keeps its id, as in Business Central, and its total is added to the customer's or vendor's
 * balance.
 */
@Component
public class DocumentPosting {

  static final String POSTED_STATUS = "Open";

  private final RecordStore store;
  private final RecordTable table;
  private final NumberSeriesTable numberSeries;
  private final Documents documents;
  private final PartyLookup parties;
  private final ApprovalPolicy approvalPolicy;

  DocumentPosting(
      RecordStore store,
      RecordTable table,
      NumberSeriesTable numberSeries,
      Documents documents,
      PartyLookup parties,
      ObjectProvider<ApprovalPolicy> approvalPolicy) {
    this.store = store;
    this.table = table;
    this.numberSeries = numberSeries;
    this.documents = documents;
    this.parties = parties;
    this.approvalPolicy = approvalPolicy.getIfAvailable(() -> (companyId, entitySet) -> false);
  }

  public StoredRecord post(WriteContext context, EntitySetDefinition set, UUID id) {
    DocumentSpec spec = set.document().orElseThrow();
    StoredRecord document = store.locked(context, set, id);
    requireApproved(context, set, document);
    if (!Documents.DRAFT.equals(document.get("status"))) {
      throw new InvalidRequestException(
          "BadRequest_AlreadyPosted",
          "status",
          "The "
              + set.entityName()
              + " "
              + document.get("number")
              + " has status '"
              + document.get("status")
              + "'; only draft documents can be posted.");
    }
    if (documents.lineCount(context, set, id) == 0) {
      throw new InvalidRequestException(
          "BadRequest_NothingToPost",
          spec.linesSet(),
          "There is nothing to post because the "
              + set.entityName()
              + " "
              + document.get("number")
              + " has no lines.");
    }
    StoredRecord party = parties.partyOf(context, spec, document);
    if ("All".equals(party.get("blocked"))) {
      throw new InvalidRequestException(
          "BadRequest_PartyBlocked",
          spec.partyIdField(),
          "You cannot post: " + party.get("number") + " is blocked with type All.");
    }
    Map<String, Object> values = new LinkedHashMap<>(document.values());
    values.put("status", POSTED_STATUS);
    values.put("number", numberSeries.next(context.companyId(), spec.postedNumbers()));
    if (FieldType.DATE.blank().equals(values.get("postingDate"))) {
      values.put("postingDate", context.today());
    }
    BigDecimal total = (BigDecimal) values.get("totalAmountIncludingTax");
    if (values.containsKey("remainingAmount")) {
      values.put("remainingAmount", total);
    }
    StoredRecord posted = store.save(context, set, document, values, RecordEventType.POSTED);
    addToBalance(context, spec, party, total);
    return posted;
  }

  /**
   * A document pending approval cannot be posted; one that an enabled approval flow covers must be
   * approved (Released) first, as in Business Central.
   */
  private void requireApproved(
      WriteContext context, EntitySetDefinition set, StoredRecord document) {
    Object approvalStatus = document.get(EntitySets.APPROVAL_STATUS);
    String name = set.entityName() + " " + document.get("number");
    if (EntitySets.APPROVAL_PENDING.equals(approvalStatus)) {
      throw new InvalidRequestException(
          "BadRequest_PendingApproval",
          EntitySets.APPROVAL_STATUS,
          "The " + name + " is pending approval; it can be posted once it is approved.");
    }
    if (approvalStatus != null
        && !EntitySets.APPROVAL_RELEASED.equals(approvalStatus)
        && approvalPolicy.requiresApproval(context.companyId(), set.name())) {
      throw new InvalidRequestException(
          "BadRequest_ApprovalRequired",
          EntitySets.APPROVAL_STATUS,
          "The "
              + name
              + " must be approved before it is posted: an approval flow covers "
              + set.name()
              + ". Send an approval request (Microsoft.NAV.sendApprovalRequest).");
    }
  }

  /**
   * Business Central's balance is a calculated FlowField, so a posting does not modify the customer
   * or vendor record: the balance changes, its etag and modification time do not.
   */
  private void addToBalance(
      WriteContext context, DocumentSpec spec, StoredRecord party, BigDecimal amount) {
    EntitySetDefinition partySet = documents.set(spec.partySet());
    String balanceField = partySet.hasField("balanceDue") ? "balanceDue" : "balance";
    Map<String, Object> values = new LinkedHashMap<>(party.values());
    values.put(balanceField, ((BigDecimal) values.get(balanceField)).add(amount));
    table.update(partySet, context.companyId(), party.withValues(values), party.version());
  }
}
