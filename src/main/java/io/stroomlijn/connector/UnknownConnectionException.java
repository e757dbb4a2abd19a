package io.stroomlijn.connector;

/** A flow names a connection the configuration does not have; the incident says how to add it. */
public class UnknownConnectionException extends IllegalArgumentException {

  public UnknownConnectionException(String kind, String name, String setting) {
    super(
        "There is no "
            + kind
            + " connection named '"
            + name
            + "': set "
            + setting
            + " (environment variable "
            + setting.toUpperCase().replace('.', '_').replace("-", "")
            + ")");
  }
}
