package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.RecordChangedException;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Weak etags in Business Central's style ({@code W/"JzE7..."}), made from a row's id and version:
 * every committed change gives the record a new etag.
 */
public final class Etags {

  /** Matches any etag in {@code If-Match}. */
  public static final String ANY = "*";

  private Etags() {}

  public static String of(StoredRecord record) {
    String token = "'" + record.version() + ";" + record.id() + "'";
    return "W/\""
        + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))
        + "\"";
  }

  /**
   * Throws {@link RecordChangedException} unless {@code ifMatch} (one etag, a comma list of them,
   * or a lone {@code *}) matches the record's current etag.
   */
  public static void check(StoredRecord record, String ifMatch) {
    if (ifMatch == null) {
      throw new IllegalArgumentException("An etag or * is required");
    }
    if (ifMatch.trim().equals(ANY)) {
      return;
    }
    String current = of(record);
    List<String> candidates = Arrays.stream(ifMatch.split(",")).map(String::trim).toList();
    if (candidates.contains(ANY)) {
      // HTTP allows * only on its own; in a list it must not turn a stale etag into a match.
      throw new InvalidRequestException(
          "BadRequest_InvalidIfMatch",
          "If-Match",
          "If-Match is either * alone or a list of etags; * cannot be part of a list.");
    }
    boolean matches = candidates.contains(current);
    if (!matches) {
      throw new RecordChangedException(
          "Could not save the changes because the record was changed by another user or process"
              + " since you read it. Read it again and retry with its new etag.");
    }
  }
}
