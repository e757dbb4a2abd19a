package io.stroomlijn.erp;

import java.util.UUID;

/**
 * Who may read and who may change the records of a company through the ERP's API, like Business
 * Central's permission sets. Flows are not asked: record events and the actions of flows run as the
 * system.
 */
public interface ErpPermissions {

  /** What a permission allows. */
  enum Access {
    /** Read the company's records. */
    READ,
    /** Create, change and delete them and run their actions; includes reading. */
    EDIT;

    /** The name an error and the documentation use. */
    public String label() {
      return name().toLowerCase();
    }
  }

  /** Whether the user may do this in the company. */
  boolean allows(String userId, UUID companyId, Access access);

  /** Refuses with {@link ErpPermissionException} unless the user may do this in the company. */
  default void require(String userId, UUID companyId, Access access) {
    if (!allows(userId, companyId, access)) {
      throw new ErpPermissionException(
          "You need the ERP permission '"
              + access.label()
              + "' for the company "
              + companyId
              + ". An administrator grants it (see docs/security.md).");
    }
  }

  /** Whether the user administers Stroomlijn (and so, for example, may cancel any request). */
  boolean isAdministrator(String userId);
}
