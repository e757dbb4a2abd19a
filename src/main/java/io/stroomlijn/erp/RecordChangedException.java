package io.stroomlijn.erp;

/** The record was changed by someone else since the caller read it (stale etag). */
public class RecordChangedException extends ErpException {

  public RecordChangedException(String message) {
    super("Request_EntityChanged", message);
  }
}
