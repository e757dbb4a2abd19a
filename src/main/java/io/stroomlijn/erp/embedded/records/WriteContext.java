package io.stroomlijn.erp.embedded.records;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Who changes what, and when: one per ERP write.
 *
 * @param companyId the company written in
 * @param user the user (or flow) making the change
 * @param now the time of the change, the same for everything the write touches
 */
public record WriteContext(UUID companyId, String user, OffsetDateTime now) {

  /** Today's date where the ERP runs, for document and posting dates. */
  public LocalDate today() {
    return now.atZoneSameInstant(ZoneId.systemDefault()).toLocalDate();
  }
}
