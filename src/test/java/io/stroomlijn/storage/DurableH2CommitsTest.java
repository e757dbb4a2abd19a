package io.stroomlijn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Which databases get durable commits, and what a durable commit does to the file. */
class DurableH2CommitsTest {

  @TempDir Path folder;

  private final ApplicationContextRunner app =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  JdbcTemplateAutoConfiguration.class))
          .withUserConfiguration(DurableH2Commits.class);

  @Test
  void anH2FileUrlWithoutTheFilePrefixGetsDurableCommits() {
    app.withPropertyValues("spring.datasource.url=jdbc:h2:" + folder.resolve("plain"))
        .run(
            context ->
                assertThat(context.getBean(PlatformTransactionManager.class))
                    .isInstanceOf(DurableH2Commits.StoreAfterCommit.class));
  }

  @Test
  void inMemoryServerAndSwitchedOffDatabasesKeepSpringsOwnManager() {
    for (String settings :
        new String[] {
          "spring.datasource.url=jdbc:h2:mem:durable-test",
          "spring.datasource.url=jdbc:h2:tcp://localhost:1/~/nowhere",
          "spring.datasource.url=jdbc:h2:" + folder.resolve("off") + ",",
        }) {
      app.withPropertyValues(settings.split(","))
          .withPropertyValues(
              settings.endsWith(",") ? "stroomlijn.storage.h2-durable-commits=false" : "x=y")
          .run(
              context ->
                  assertThat(context.getBean(PlatformTransactionManager.class))
                      .as(settings)
                      .isNotInstanceOf(DurableH2Commits.StoreAfterCommit.class));
    }
  }

  @Test
  void aCommitOnTheH2FileIsForcedToDiskBeforeItReturns() {
    RecordedDisk disk = RecordedDisk.of(folder.resolve("durable.mv.db"));
    String url = disk.url().substring(0, disk.url().length() - ".mv.db".length());
    app.withPropertyValues("spring.datasource.url=jdbc:h2:" + url)
        .run(
            context -> {
              JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
              TransactionTemplate transactions =
                  new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
              transactions.executeWithoutResult(
                  status -> jdbc.execute("CREATE TABLE acknowledged (id INT PRIMARY KEY)"));
              int forcesBefore = disk.forces();

              transactions.executeWithoutResult(
                  status -> jdbc.update("INSERT INTO acknowledged VALUES (1)"));

              assertThat(disk.forces()).isGreaterThan(forcesBefore);
            });
  }
}
