package io.stroomlijn;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StandaloneApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's walkthrough, run as a newcomer runs it: its bash block, unchanged but for the port,
 * against a fresh start with the demo data, a generated admin password and no mail server. The
 * README cannot drift from the product without this test failing.
 */
class ReadmeWalkthroughTest {

  private static final String MARKER = "<!-- walkthrough -->";
  private static final Duration LIMIT = Duration.ofMinutes(2);

  @TempDir Path home;
  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theWalkthroughCreatesAnInvoiceGetsItApprovedAndPostsIt() throws Exception {
    Path data = home.resolve("data");
    app =
        StandaloneApp.start(
            "readmeWalkthrough",
            "spring.datasource.url=jdbc:h2:file:"
                + data.resolve("stroomlijn")
                + ";DB_CLOSE_ON_EXIT=FALSE",
            "stroomlijn.erp.demo-data=true",
            "stroomlijn.admin.password=",
            "stroomlijn.admin.initial-password-file=" + data.resolve("initial-admin-password"),
            "spring.mail.host=",
            "stroomlijn.mail.folder=" + data.resolve("mail"),
            "stroomlijn.connections.excel.approvals.path=" + data.resolve("approvals.xlsx"));
    String script =
        walkthrough()
            .replace("http://localhost:8080", "http://localhost:" + StandaloneApp.port(app));

    Result result = bash(script);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .as("refused before the approval")
        .contains("BadRequest_ApprovalRequired")
        .as("the approval request reached admin")
        .contains("\"requestedBy\":\"admin\"")
        .as("posted at the end")
        .containsPattern(
            "\"number\":\"PS-INV\\d+\",\"totalAmountIncludingTax\":[0-9.]+,\"status\":\"Open\"");
    try (Stream<Path> mails = Files.list(data.resolve("mail"))) {
      List<String> texts = mails.map(ReadmeWalkthroughTest::read).toList();
      assertThat(texts)
          .as("approval mails to admin and Marieke, readable without a mail server")
          .anyMatch(mail -> mail.contains("marieke@cronus.example"))
          .anyMatch(mail -> mail.contains("admin@cronus.example"));
    }
  }

  /** The bash block after the walkthrough marker of the README. */
  private static String walkthrough() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int marker = readme.indexOf(MARKER);
    assertThat(marker).as("README.md has the walkthrough marker").isNotNegative();
    int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  private Result bash(String script) throws Exception {
    Path output = home.resolve("walkthrough.out");
    Process process =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The walkthrough did not end within " + LIMIT);
    }
    return new Result(process.exitValue(), Files.readString(output));
  }

  private static String read(Path mail) {
    try {
      return Files.readString(mail, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Result(int exitCode, String output) {}
}
