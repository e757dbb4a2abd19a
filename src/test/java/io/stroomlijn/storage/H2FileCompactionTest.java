package io.stroomlijn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** With durable commits, the H2 file stays small only because it is compacted. */
class H2FileCompactionTest {

  @TempDir Path folder;

  @Test
  void keepsTheFileSmallUnderManySmallCommits() throws Exception {
    String url =
        "jdbc:h2:file:"
            + folder.resolve("db")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0";
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
    H2FileCompaction compaction = new H2FileCompaction(dataSource);
    try (Connection connection = dataSource.getConnection()) {
      connection.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(1000))");
      connection.createStatement().execute("INSERT INTO t SELECT X, '' FROM SYSTEM_RANGE(1, 100)");
      connection.setAutoCommit(false);
      PreparedStatement update = connection.prepareStatement("UPDATE t SET v = ? WHERE id = ?");
      for (int i = 0; i < 10_000; i++) {
        update.setString(1, "x".repeat(500) + i);
        update.setInt(2, 1 + i % 100);
        update.executeUpdate();
        connection.commit();
        if (i % 500 == 0) {
          compaction.compact();
        }
      }
    }
    long megabytes = Files.size(folder.resolve("db.mv.db")) / (1024 * 1024);
    dataSource.destroy();

    // Without compaction the same commits leave a file of several hundred megabytes.
    assertThat(megabytes).isLessThan(64);
  }
}
