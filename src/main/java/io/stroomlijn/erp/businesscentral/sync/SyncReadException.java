package io.stroomlijn.erp.businesscentral.sync;

import io.stroomlijn.erp.businesscentral.BusinessCentralException;

/** Business Central refused a read of the sync (its answer's status says how). */
final class SyncReadException extends BusinessCentralException {

  private final int status;

  SyncReadException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
