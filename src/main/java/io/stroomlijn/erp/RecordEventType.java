package io.stroomlijn.erp;

/** What happened to a record; the name is the event part of a trigger's message name. */
public enum RecordEventType {
  CREATED("created"),
  MODIFIED("modified"),
  DELETED("deleted"),
  POSTED("posted"),
  APPROVAL_REQUESTED("approvalRequested"),
  APPROVAL_CANCELED("approvalCanceled");

  private final String eventName;

  RecordEventType(String eventName) {
    this.eventName = eventName;
  }

  /** The name used in message names, such as {@code modified} in {@code erp.vendors.modified}. */
  public String eventName() {
    return eventName;
  }
}
