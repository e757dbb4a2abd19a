package io.stroomlijn.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Makes every commit on an embedded H2 file durable before it is acknowledged, without giving up
 * H2's own housekeeping.
 *
 * <p>H2 normally writes committed changes in the background, up to half a second later, so a
 * process killed in that window loses transactions it had already acknowledged. H2's own remedy,
 * {@code WRITE_DELAY=0}, also stops the background thread that compacts the file. Instead, this
 * keeps the background writer and, after each transaction commits, makes sure a store of H2's
 * unsaved changes has begun and ended since. Concurrent committers share stores ({@link
 * GroupStores}): one store writes everything committed before it began.
 *
 * <p>Each group store ends with {@code FileChannel.force} (one fsync per group), so an acknowledged
 * commit survives an operating-system crash or a power cut too, not only a killed process; {@code
 * stroomlijn.storage.h2-force-to-disk=false} leaves it in the operating system's cache (survives
 * kill -9, not a power cut) for the speed of a disk without a write cache.
 *
 * <p>The default URL adds {@code RETENTION_TIME=0} so that H2 reuses freed file space at once (the
 * file stays small under a store per commit); {@link GroupStores} makes that reuse safe on power
 * loss by keeping H2 from reusing space until the store that freed it was forced. The measurements
 * behind these choices are in docs/architecture.md.
 *
 * <p>The price is a store per commit a writer waits for: a single writer still stores after each of
 * its commits (see docs/benchmarks.md). {@code stroomlijn.storage.h2-durable-commits=false} turns
 * this off and accepts H2's window of half a second; PostgreSQL is the answer for heavy concurrent
 * use.
 *
 * <p>A commit also never overlaps a store ({@link WholeCommits}): H2 would otherwise write half of
 * a transaction that was committing while it stored, and a crash at that moment would keep what a
 * later transaction built on it without the transaction itself.
 *
 * <p>Any URL that H2 reads as a file of this process turns this on ({@link H2Location}), {@code
 * jdbc:h2:./data/x} as well as {@code jdbc:h2:file:./data/x}.
 *
 * <p>Every transaction of the application goes through this manager: the ERP's, the relay's and the
 * process engine's (Camunda runs its commands in Spring transactions).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DurableH2Commits.OnH2File.class)
@EnableConfigurationProperties(StorageProperties.class)
class DurableH2Commits {

  private static final Logger log = LoggerFactory.getLogger(DurableH2Commits.class);

  @Bean
  JdbcTransactionManager transactionManager(DataSource dataSource, StorageProperties storage) {
    return new StoreAfterCommit(dataSource, storage.h2ForceToDisk());
  }

  /**
   * Any URL H2 reads as a file of this process ({@link H2Location#FILE}), unless {@code
   * stroomlijn.storage.h2-durable-commits=false}. H2 in memory needs nothing; an H2 server ({@code
   * tcp:}) writes its file in its own process, where no commit of ours can wait for it: a warning
   * says so.
   */
  static final class OnH2File extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.datasource.url", "");
      // Conditions run before any bean exists: the settings are bound here the same way.
      boolean enabled =
          Binder.get(context.getEnvironment())
              .bind("stroomlijn.storage", StorageProperties.class)
              .map(StorageProperties::h2DurableCommits)
              .orElse(true);
      H2Location location = H2Location.of(url);
      if (location == H2Location.SERVER) {
        log.warn(
            "spring.datasource.url is an H2 server (tcp:/ssl:): Stroomlijn cannot make commits"
                + " durable there; the server writes them up to its WRITE_DELAY later. Use an H2"
                + " file URL or PostgreSQL for durable commits.");
      }
      if (location != H2Location.FILE) {
        return ConditionOutcome.noMatch("spring.datasource.url is not an H2 file: " + location);
      }
      return enabled
          ? ConditionOutcome.match("H2 file database with durable commits")
          : ConditionOutcome.noMatch("stroomlijn.storage.h2-durable-commits=false");
    }
  }

  static final class StoreAfterCommit extends JdbcTransactionManager implements DisposableBean {

    private volatile MVStore store;
    private final GroupStores stores;
    private volatile boolean warnedRemote;

    StoreAfterCommit(DataSource dataSource, boolean forceToDisk) {
      super(dataSource);
      this.stores = new GroupStores(forceToDisk);
    }

    /** Before the data source closes the database. */
    @Override
    public void destroy() {
      stores.releasePins();
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
      if (!local(status)) {
        // AUTO_SERVER=TRUE and another process opened the file first: it writes the file.
        if (!warnedRemote) {
          warnedRemote = true;
          log.warn(
              "The H2 file is open in another process (AUTO_SERVER): commits are written by that"
                  + " process and not made durable here");
        }
        super.doCommit(status);
        return;
      }
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
      try {
        return ((SessionLocal) session(status)).hasPendingTransaction();
      } catch (SQLException e) {
        return true;
      }
    }

    private static boolean local(DefaultTransactionStatus status) {
      try {
        return session(status) instanceof SessionLocal;
      } catch (SQLException e) {
        return true;
      }
    }

    private static Session session(DefaultTransactionStatus status) throws SQLException {
      Connection connection =
          ((JdbcTransactionObjectSupport) status.getTransaction())
              .getConnectionHolder()
              .getConnection();
      return connection.unwrap(JdbcConnection.class).getSession();
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
