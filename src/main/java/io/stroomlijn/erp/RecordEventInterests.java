package io.stroomlijn.erp;

import java.util.Set;
import java.util.UUID;

/**
 * Which record events the application listens to now. An ERP that has to be asked for changes
 * (Business Central, through webhook subscriptions) watches only the entity sets and companies
 * named here; the embedded ERP does not need it. Implemented outside {@code erp/}, by whatever
 * starts flows on record events, so that the port depends on nothing above it.
 */
public interface RecordEventInterests {

  /** The distinct interests of everything that is on now (off flows do not count). */
  Set<Interest> current();

  /**
   * One kind of record event someone listens to.
   *
   * @param entitySet the entity set, such as {@code customers}
   * @param event what happens to its records
   * @param companyId the only company listened to, when it was given by id; else null
   * @param companyName the only company listened to, when it was given by name; else null (both
   *     null: every company)
   */
  record Interest(String entitySet, RecordEventType event, UUID companyId, String companyName) {

    /** Whether it is about one company only. */
    public boolean namesCompany() {
      return companyId != null || companyName != null;
    }
  }
}
