package io.stroomlijn.connector.http;

import java.time.Duration;
import java.util.Map;

/**
 * What the HTTP action is asked to send, as its task's inputs (named by the constants) give it.
 *
 * @param task the task's id, for messages
 * @param method GET, POST, PUT, PATCH, DELETE or HEAD, in any case
 * @param url absolute, or relative to the connection's base URL
 * @param headers header names to values
 * @param body null for none; text (JSON already rendered) sent as it is; a map or list sent as JSON
 * @param connection an HTTP service of {@code stroomlijn.connections.http}, or null
 * @param timeout how long to wait for the answer
 */
record HttpCall(
    String task,
    String method,
    String url,
    Map<String, Object> headers,
    Object body,
    String connection,
    Duration timeout) {

  static final String METHOD = "method";
  static final String URL = "url";
  static final String HEADERS = "headers";
  static final String BODY = "body";
  static final String CONNECTION = "connection";
  static final String TIMEOUT = "timeout";

  /** How long to wait for the answer when the task does not say. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
