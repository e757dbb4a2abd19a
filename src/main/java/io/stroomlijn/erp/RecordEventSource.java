package io.stroomlijn.erp;

/**
 * How Stroomlijn learnt of a change. The embedded ERP sees its own commits; from Business Central a
 * change arrives as a notification of one record, as part of a {@code collection} notification
 * (more than 1,000 changes in BC's gathering window), or by a catch-up read of what changed since
 * the last one. The trigger log shows it, so that a run can be traced to how it was found.
 */
public enum RecordEventSource {
  COMMIT("commit"),
  NOTIFICATION("notification"),
  COLLECTION("collection"),
  CATCH_UP("catch-up");

  private final String label;

  RecordEventSource(String label) {
    this.label = label;
  }

  /** The name stored and shown, such as {@code catch-up}. */
  public String label() {
    return label;
  }

  public static RecordEventSource fromLabel(String label) {
    for (RecordEventSource source : values()) {
      if (source.label.equals(label)) {
        return source;
      }
    }
    throw new IllegalArgumentException("Unknown record event source " + label);
  }
}
