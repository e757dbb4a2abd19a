package io.stroomlijn.erp;

/** The user lacks the permission a request needs (403). */
public class ErpPermissionException extends ErpException {

  public ErpPermissionException(String message) {
    super("Authorization_RequestDenied", message);
  }
}
