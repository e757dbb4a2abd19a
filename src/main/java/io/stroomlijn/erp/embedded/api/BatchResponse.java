package io.stroomlijn.erp.embedded.api;

import java.util.Map;

/**
 * The answer to one request inside a {@code $batch}.
 *
 * @param request the request it answers
 * @param status its HTTP status
 * @param headers its headers (lower-case names, as Business Central writes them)
 * @param body its body, empty for none
 */
record BatchResponse(BatchRequest request, int status, Map<String, String> headers, byte[] body) {

  boolean succeeded() {
    return status < 400;
  }
}
