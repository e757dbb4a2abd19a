package io.stroomlijn.connector;

/**
 * A setting of {@code stroomlijn.connections.*} that cannot be used. The message names the setting
 * and what is wrong, never its value (a webhook URL or a password is a secret), and there is no
 * cause: the parser's own exception would carry the value into stack traces and incidents.
 */
public class InvalidConnectionSettingException extends IllegalStateException {

  public InvalidConnectionSettingException(String setting, String problem) {
    super(setting + " " + problem);
  }
}
