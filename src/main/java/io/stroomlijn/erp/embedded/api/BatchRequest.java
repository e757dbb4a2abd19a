package io.stroomlijn.erp.embedded.api;

import java.util.List;
import java.util.Map;

/**
 * One request inside a {@code $batch}.
 *
 * @param id the client's id ({@code id} in JSON, {@code Content-ID} in multipart), or null
 * @param method the HTTP method
 * @param url the URL as sent: relative to the service root, absolute path, or full URL
 * @param headers its headers, names in any case
 * @param body its body, or null
 * @param dependsOn the ids of earlier requests it needs to have succeeded
 * @param group the atomicity group (a multipart change set) it belongs to, or null
 */
record BatchRequest(
    String id,
    String method,
    String url,
    Map<String, String> headers,
    byte[] body,
    List<String> dependsOn,
    String group) {

  BatchRequest {
    dependsOn = List.copyOf(dependsOn);
  }

  String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
