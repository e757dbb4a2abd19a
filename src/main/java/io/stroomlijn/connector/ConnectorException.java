package io.stroomlijn.connector;

/**
 * A technical failure of a connection (server down, timeout, 5xx): the job retries with backoff,
 * then an incident shows this message. The message names the connection and what failed, never a
 * secret (no password, no webhook URL).
 */
public class ConnectorException extends RuntimeException {

  public ConnectorException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConnectorException(String message) {
    super(message);
  }
}
