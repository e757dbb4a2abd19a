package io.stroomlijn.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 database file compact. The default URL writes every commit before it is
 * acknowledged ({@code WRITE_DELAY=0}), so a crash loses nothing; but with that setting H2 stops
 * its background writer, which is also what compacts the file, and the file would grow by every
 * commit. This does the compaction instead, once a second. Compacting harder keeps the file smaller
 * under sustained bulk load but was measured to cost most of the throughput; for bulk loads use
 * PostgreSQL. {@code RETENTION_TIME=0} lets freed space be reused at once; that is safe against
 * process crashes (the operating system keeps what was written), while power-loss durability is
 * what PostgreSQL is for.
 */
@Component
@ConditionalOnExpression(
    "'${spring.datasource.url:}'.startsWith('jdbc:h2:file:') && '${spring.datasource.url:}'.contains('WRITE_DELAY=0')")
class H2FileCompaction {

  private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);
  private static final int TARGET_FILL_RATE = 80;
  private static final int MAX_BYTES_PER_RUN = 16 * 1024 * 1024;

  private final DataSource dataSource;
  private boolean warned;

  H2FileCompaction(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  void compact() {
    try (Connection connection = dataSource.getConnection()) {
      MVStore store =
          ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
              .getDatabase()
              .getStore()
              .getMvStore();
      store.compact(TARGET_FILL_RATE, MAX_BYTES_PER_RUN);
    } catch (SQLException | RuntimeException e) {
      if (!warned) {
        warned = true;
        log.warn("Could not compact the H2 database file; it may grow until the next restart", e);
      }
    }
  }
}
