package io.stroomlijn.web;

import java.util.UUID;

/** Reading the query parameters of the flows API, refusing a malformed one with a 400 naming it. */
public final class Parameters {

  private Parameters() {}

  /** An optional GUID parameter: null when absent or blank. */
  public static UUID guid(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(parameter, "'" + value + "' is not a GUID");
    }
  }
}
