package io.stroomlijn.connector;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The named connections flows use ({@code stroomlijn.connections.*}): where and how to reach mail
 * servers, Teams channels, Excel workbooks and HTTP services. A flow names a connection; its
 * address and secrets live here (and in environment variables), never in a BPMN file, a log or a
 * process variable. The {@code toString()}s leave secrets out.
 *
 * @param smtp mail servers by name; {@code default} is Spring Boot's own {@code spring.mail.*} and
 *     only its {@code from} is read here
 * @param teams Teams channels by name: their incoming-webhook URLs
 * @param excel Excel workbooks by name: their {@code .xlsx} files
 * @param http HTTP services by name: a base URL and how to authenticate
 */
@ConfigurationProperties("stroomlijn.connections")
public record ConnectionsProperties(
    Map<String, Smtp> smtp,
    Map<String, Teams> teams,
    Map<String, Workbook> excel,
    Map<String, Http> http) {

  public ConnectionsProperties {
    smtp = smtp == null ? Map.of() : Map.copyOf(smtp);
    teams = teams == null ? Map.of() : Map.copyOf(teams);
    excel = excel == null ? Map.of() : Map.copyOf(excel);
    http = http == null ? Map.of() : Map.copyOf(http);
  }

  /**
   * A mail server.
   *
   * @param host its host name
   * @param port its port (25 when not given)
   * @param username login, if it asks for one
   * @param password login password
   * @param startTls whether to switch to TLS before logging in
   * @param from the sender address of mails sent through it
   */
  public record Smtp(
      String host, Integer port, String username, String password, Boolean startTls, String from) {

    @Override
    public String toString() {
      return "Smtp[host="
          + host
          + ", port="
          + port
          + ", username="
          + username
          + ", from="
          + from
          + "]";
    }
  }

  /**
   * A Teams channel (or chat) that accepts messages: its incoming-webhook URL, which is a secret.
   */
  public record Teams(String webhookUrl) {

    @Override
    public String toString() {
      return "Teams[webhookUrl=(secret)]";
    }
  }

  /** An Excel workbook: the {@code .xlsx} file, created on the first added row when missing. */
  public record Workbook(Path path) {}

  /**
   * An HTTP service.
   *
   * @param baseUrl relative URLs of the HTTP action resolve against it; absolute URLs must have its
   *     origin (scheme, host, port) and lie at or below its path, so the credentials go nowhere
   *     else (required when auth is not none)
   * @param auth {@code none}, {@code basic} (username, password), {@code bearer} (token) or {@code
   *     header} (headerName, headerValue, e.g. an API key)
   */
  public record Http(
      String baseUrl,
      String auth,
      String username,
      String password,
      String token,
      String headerName,
      String headerValue) {

    @Override
    public String toString() {
      return "Http[baseUrl=" + baseUrl + ", auth=" + auth + "]";
    }
  }
}
