package io.stroomlijn.erp;

/** The company, entity set or record asked for does not exist. */
public class RecordNotFoundException extends ErpException {

  public RecordNotFoundException(String message) {
    super("BadRequest_NotFound", message);
  }
}
