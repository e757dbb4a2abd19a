package io.stroomlijn.erp.businesscentral.sync;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One version of a Business Central record as the sync read it.
 *
 * @param id the record's id (its SystemId)
 * @param lastModified its {@code lastModifiedDateTime}, or null when the entity has none
 * @param etag its {@code @odata.etag}, or null
 * @param fields its fields as JSON values (text, numbers, booleans, null), without OData
 *     annotations, in the order Business Central sent them
 */
record RecordVersion(
    UUID id, OffsetDateTime lastModified, String etag, Map<String, Object> fields) {

  RecordVersion {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }
}
