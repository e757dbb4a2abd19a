package io.stroomlijn.erp;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A record's request for approval, as the ERP keeps it.
 *
 * @param companyId the company
 * @param entitySet the entity set of the record
 * @param recordId the record
 * @param status Pending, Approved, Rejected or Canceled
 * @param requestedBy who sent the request
 * @param requestedAt when
 */
public record ApprovalRequest(
    UUID companyId,
    String entitySet,
    UUID recordId,
    String status,
    String requestedBy,
    OffsetDateTime requestedAt) {

  public static final String PENDING = "Pending";
  public static final String APPROVED = "Approved";
  public static final String REJECTED = "Rejected";
  public static final String CANCELED = "Canceled";

  public boolean pending() {
    return PENDING.equals(status);
  }
}
