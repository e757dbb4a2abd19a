package io.stroomlijn.erp.embedded;

import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordEventListener;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.RecordPage;
import io.stroomlijn.erp.RecordQuery;
import io.stroomlijn.erp.WebClientLinks;
import io.stroomlijn.erp.embedded.approval.ApprovalRequests;
import io.stroomlijn.erp.embedded.document.DocumentPosting;
import io.stroomlijn.erp.embedded.records.RecordReader;
import io.stroomlijn.erp.embedded.records.RecordWriter;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.storage.SqlCondition;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import io.stroomlijn.erp.events.RecordEventRelay;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The built-in Business Central compatible ERP behind the {@link ErpConnector} port. Each call is
 * one transaction: the change, its follow-ups (document totals) and its events commit together or
 * not at all.
 */
@Service
public class EmbeddedErp implements ErpConnector {

  private static final String ACTION_PREFIX = "Microsoft.NAV.";

  private final EntitySets sets;
  private final RecordReader reader;
  private final RecordWriter writer;
  private final DocumentPosting posting;
  private final Companies companies;
  private final RecordEventRelay relay;
  private final ErpTransactions transactions;
  private final ApprovalRequests approvals;
  private final URI webClient;

  public EmbeddedErp(
      EntitySets sets,
      RecordReader reader,
      RecordWriter writer,
      DocumentPosting posting,
      Companies companies,
      RecordEventRelay relay,
      ErpTransactions transactions,
      ApprovalRequests approvals,
      ErpProperties properties) {
    this.sets = sets;
    this.reader = reader;
    this.writer = writer;
    this.posting = posting;
    this.companies = companies;
    this.relay = relay;
    this.transactions = transactions;
    this.approvals = approvals;
    this.webClient = properties.webClientUrl();
  }

  @Override
  public List<Record> companies() {
    return find(null, EntitySets.COMPANIES, RecordQuery.all()).records();
  }

  @Override
  public Record get(UUID companyId, String entitySet, UUID id, RecordQuery query) {
    EntitySetDefinition set = definition(entitySet);
    requireCompany(set, companyId);
    return reader.get(set, companyId, id, query);
  }

  @Override
  public RecordPage find(UUID companyId, String entitySet, RecordQuery query) {
    EntitySetDefinition set = definition(entitySet);
    requireCompany(set, companyId);
    return reader.find(set, companyId, query, SqlCondition.none());
  }

  /** The lines of one document, for {@code salesInvoices({id})/salesInvoiceLines}. */
  public RecordPage findLines(UUID companyId, String linesSet, UUID documentId, RecordQuery query) {
    EntitySetDefinition set = definition(linesSet);
    requireCompany(set, companyId);
    return reader.find(set, companyId, query, SqlCondition.linesOf(documentId));
  }

  @Override
  public Record create(
      UUID companyId, String entitySet, Map<String, Object> fields, String changedBy) {
    EntitySetDefinition set = writable(entitySet, "created");
    return inTransaction(
        companyId,
        changedBy,
        context -> {
          Map<String, Object> header = new LinkedHashMap<>(fields);
          Object lines = set.document().map(spec -> header.remove(spec.linesSet())).orElse(null);
          StoredRecord created = writer.create(context, set, header);
          if (lines != null) {
            createLines(context, set, created, lines);
          }
          return reader.get(set, companyId, created.id(), RecordQuery.all());
        });
  }

  @Override
  public Record update(
      UUID companyId,
      String entitySet,
      UUID id,
      Map<String, Object> changes,
      String etag,
      String changedBy) {
    EntitySetDefinition set = writable(entitySet, "modified");
    return inTransaction(
        companyId,
        changedBy,
        context -> {
          StoredRecord changed = writer.update(context, set, id, changes, etag);
          return RecordReader.toRecord(set, changed, List.of(), Map.of());
        });
  }

  @Override
  public void delete(UUID companyId, String entitySet, UUID id, String etag, String changedBy) {
    EntitySetDefinition set = writable(entitySet, "deleted");
    inTransaction(
        companyId,
        changedBy,
        context -> {
          writer.delete(context, set, id, etag);
          return null;
        });
  }

  @Override
  public void runAction(
      UUID companyId, String entitySet, UUID id, String action, String changedBy) {
    EntitySetDefinition set = definition(entitySet);
    String name =
        action.startsWith(ACTION_PREFIX) ? action.substring(ACTION_PREFIX.length()) : action;
    if (!set.actions().contains(name)) {
      throw new RecordNotFoundException(
          "The action '" + ACTION_PREFIX + name + "' does not exist on " + entitySet + ".");
    }
    inTransaction(
        companyId,
        changedBy,
        context ->
            switch (name) {
              case EntitySets.SEND_APPROVAL_REQUEST -> approvals.send(context, set, id);
              case EntitySets.CANCEL_APPROVAL_REQUEST -> approvals.cancel(context, set, id);
              default -> posting.post(context, set, id);
            });
  }

  @Override
  public URI webClientUrl(UUID companyId, String entitySet, UUID id) {
    definition(entitySet);
    String company =
        companies
            .name(companyId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException(
                        "The company with id " + companyId + " does not exist."));
    return WebClientLinks.link(webClient, company, entitySet, id);
  }

  @Override
  public Optional<String> companyName(UUID companyId) {
    return companies.name(companyId);
  }

  @Override
  public void addRecordEventListener(RecordEventListener listener) {
    relay.addListener(listener);
  }

  /** The definition of an entity set, or {@link RecordNotFoundException} naming it. */
  @Override
  public boolean knowsEntitySet(String entitySet) {
    return sets.find(entitySet).filter(set -> !set.name().equals(EntitySets.COMPANIES)).isPresent();
  }

  public EntitySetDefinition definition(String entitySet) {
    return sets.find(entitySet)
        .orElseThrow(
            () ->
                new RecordNotFoundException(
                    "Resource not found for the segment '" + entitySet + "'."));
  }

  private void createLines(
      WriteContext context, EntitySetDefinition set, StoredRecord document, Object lines) {
    String linesSet = set.document().orElseThrow().linesSet();
    if (!(lines instanceof List<?> list)) {
      throw new InvalidRequestException(
          linesSet, "'" + linesSet + "' must be a JSON array of lines.");
    }
    EntitySetDefinition lineSet = definition(linesSet);
    for (Object line : list) {
      if (!(line instanceof Map<?, ?> map)) {
        throw new InvalidRequestException(
            linesSet, "Each of '" + linesSet + "' must be a JSON object.");
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      map.forEach((key, value) -> fields.put(String.valueOf(key), value));
      fields.put("documentId", document.id().toString());
      writer.create(context, lineSet, fields);
    }
  }

  private EntitySetDefinition writable(String entitySet, String verb) {
    EntitySetDefinition set = definition(entitySet);
    if (set.kind() == EntityKind.COMPANY) {
      throw new InvalidRequestException(
          "BadRequest_MethodNotAllowed",
          entitySet,
          "Companies cannot be " + verb + " through the API.");
    }
    if (set.kind() == EntityKind.APPROVAL_ENTRY) {
      throw new InvalidRequestException(
          "BadRequest_MethodNotAllowed",
          entitySet,
          "Approval entries cannot be "
              + verb
              + " through the API; the approval step of a flow keeps them.");
    }
    return set;
  }

  private void requireCompany(EntitySetDefinition set, UUID companyId) {
    if (set.companyScoped() && !companies.exists(companyId)) {
      throw new RecordNotFoundException("The company with id " + companyId + " does not exist.");
    }
  }

  private <T> T inTransaction(UUID companyId, String user, Function<WriteContext, T> work) {
    return transactions.write(companyId, user, work);
  }
}
