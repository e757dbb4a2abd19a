package io.stroomlijn.erp;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ERP port: everything Stroomlijn reads from or writes to an ERP goes through here, whether the
 * ERP is the embedded one or a Business Central tenant. Entity sets and field names are those of
 * Business Central's API v2.0; queries use its OData syntax.
 */
public interface ErpConnector {

  /** All companies of the ERP. */
  List<Record> companies();

  /** One record; throws {@link RecordNotFoundException} when there is none. */
  Record get(UUID companyId, String entitySet, UUID id, RecordQuery query);

  /** The records matching an OData query, one page of them. */
  RecordPage find(UUID companyId, String entitySet, RecordQuery query);

  /** Creates a record from field values (JSON-like: strings, numbers, booleans) and returns it. */
  Record create(UUID companyId, String entitySet, Map<String, Object> fields, String changedBy);

  /**
   * Changes fields of a record when its etag still matches ({@code *} matches any) and returns the
   * record after the change; throws {@link RecordChangedException} on a stale etag.
   */
  Record update(
      UUID companyId,
      String entitySet,
      UUID id,
      Map<String, Object> changes,
      String etag,
      String changedBy);

  /** Deletes a record when its etag still matches ({@code *} matches any). */
  void delete(UUID companyId, String entitySet, UUID id, String etag, String changedBy);

  /** The name of a company, such as {@code CRONUS NL}; empty when there is no such company. */
  /**
   * Whether records of this entity set can be read and changed here. A connector that cannot tell
   * (Business Central publishes custom API pages) says yes.
   */
  default boolean knowsEntitySet(String entitySet) {
    return true;
  }

  default Optional<String> companyName(UUID companyId) {
    return companies().stream()
        .filter(company -> company.id().equals(companyId))
        .map(company -> company.getString("name"))
        .findFirst();
  }

  /** Runs a bound action such as {@code post} on a record. */
  void runAction(UUID companyId, String entitySet, UUID id, String action, String changedBy);

  /**
   * The link that opens a record in the ERP's web client (Business Central's "Get URL"): the
   * configured web client address with the company, the page that shows the record and the record.
   * Throws {@link RecordNotFoundException} for an unknown company or entity set.
   */
  URI webClientUrl(UUID companyId, String entitySet, UUID id);

  /**
   * Registers a listener that receives every committed change, after its commit, at least once and
   * in commit order per record; see {@link RecordEventListener}.
   */
  void addRecordEventListener(RecordEventListener listener);

  /** Shorthand for {@link #get(UUID, String, UUID, RecordQuery)} without query options. */
  default Record get(UUID companyId, String entitySet, UUID id) {
    return get(companyId, entitySet, id, RecordQuery.all());
  }
}
