package io.stroomlijn.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Makes every commit on an embedded H2 file durable before it is acknowledged, without giving up
 * H2's own housekeeping.
 *
 * <p>H2 normally writes committed changes in the background, up to half a second later: a process
 * killed in that window loses transactions it had already acknowledged (measured: ERP writes the
 * API had answered 201 were gone after kill -9). H2's own remedy, {@code WRITE_DELAY=0}, also stops
 * the background thread that compacts the file, so the file grows by every commit. Instead, this
 * keeps the background writer and, after each transaction commits, makes sure a store of H2's
 * unsaved changes has begun and ended since. Concurrent committers share stores ({@link
 * GroupStores}): one store writes everything committed before it began, so with 16 threads
 * committing at once a store per commit would do 16 times the work for nothing.
 *
 * <p>The default URL adds {@code RETENTION_TIME=0}: H2 otherwise keeps freed chunks for 45 seconds
 * before reusing their space, and with a store per commit the file grew to 600 MB in 40 seconds at
 * 50 events per second (60 MB with it). Retention only protects against losing the operating
 * system's cache on power loss, which PostgreSQL is the answer for.
 *
 * <p>The price is a store per commit a writer waits for: a single writer still stores after each of
 * its commits (see the README's benchmarks). {@code stroomlijn.storage.h2-durable-commits=false}
 * turns this off and accepts H2's window of half a second; PostgreSQL is the answer for heavy
 * concurrent use.
 *
 * <p>A commit also never overlaps a store ({@link WholeCommits}): H2 would otherwise write half of
 * a transaction that was committing while it stored, and a crash at that moment would keep what a
 * later transaction built on it without the transaction itself.
 *
 * <p>Every transaction of the application goes through this manager: the ERP's, the relay's and the
 * process engine's (Camunda runs its commands in Spring transactions).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
    "'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')"
        + " and ${stroomlijn.storage.h2-durable-commits:true}")
class DurableH2Commits {

  @Bean
  JdbcTransactionManager transactionManager(DataSource dataSource) {
    return new StoreAfterCommit(dataSource);
  }

  private static final class StoreAfterCommit extends JdbcTransactionManager {

    private volatile MVStore store;
    private final GroupStores stores = new GroupStores();

    StoreAfterCommit(DataSource dataSource) {
      super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
      if (!wroteAnything(status)) {
        super.doCommit(status);
        return;
      }
      MVStore store = store();
      WholeCommits.commit(store, () -> super.doCommit(status));
      stores.awaitStored(store);
    }

    /**
     * Whether the transaction changed anything. Read-only transactions (most of them: logins,
     * queries) must not wait for the store lock while another thread writes to the file.
     */
    private static boolean wroteAnything(DefaultTransactionStatus status) {
      Connection connection =
          ((JdbcTransactionObjectSupport) status.getTransaction())
              .getConnectionHolder()
              .getConnection();
      try {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
            .hasPendingTransaction();
      } catch (SQLException e) {
        return true;
      }
    }

    private MVStore store() {
      MVStore current = store;
      if (current == null || current.isClosed()) {
        current = openStore();
        store = current;
      }
      return current;
    }

    private MVStore openStore() {
      try (Connection connection = obtainDataSource().getConnection()) {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
            .getDatabase()
            .getStore()
            .getMvStore();
      } catch (SQLException e) {
        throw new TransactionSystemException(
            "Could not reach the H2 store to make a commit durable", e);
      }
    }
  }
}
