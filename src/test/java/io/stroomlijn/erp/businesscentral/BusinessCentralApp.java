package io.stroomlijn.erp.businesscentral;

import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.StandaloneApp;
import io.stroomlijn.support.StroomlijnTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application with {@code stroomlijn.erp.connector=business-central} against a {@link
 * BusinessCentralDouble}, started once for every test class that needs it (about ten seconds) and
 * stopped with the JVM. It has a database of its own and no flows of {@code processes/}: each test
 * deploys the flows it needs on a company of its own and removes them after.
 */
public final class BusinessCentralApp {

  /** The client secret of the app's settings, which nothing may show. */
  public static final String SECRET = "s3cr3t-client-secret-value";

  /** At most this many subscriptions, so that the limit can be reached in a test. */
  public static final int MAX_SUBSCRIPTIONS = 3;

  private static BusinessCentralApp shared;

  private final BusinessCentralDouble bc;
  private final ConfigurableApplicationContext context;
  private final int port;

  private BusinessCentralApp(
      BusinessCentralDouble bc, ConfigurableApplicationContext context, int port) {
    this.bc = bc;
    this.context = context;
    this.port = port;
  }

  /** The running application, started at the first call. */
  public static synchronized BusinessCentralApp shared() {
    if (shared == null) {
      shared = start();
      BusinessCentralApp app = shared;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.context.close();
                    app.bc.close();
                  }));
    }
    return shared;
  }

  private static BusinessCentralApp start() {
    BusinessCentralDouble bc = new BusinessCentralDouble();
    int port = freePort();
    Path noFlows;
    try {
      noFlows = Files.createTempDirectory("bc-app-no-flows");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ConfigurableApplicationContext context =
        StandaloneApp.start(
            "businessCentralApp",
            "server.port=" + port,
            "spring.datasource.url=jdbc:h2:mem:business-central-app;DB_CLOSE_DELAY=-1",
            "stroomlijn.processes.location=" + noFlows,
            "stroomlijn.erp.connector=business-central",
            "stroomlijn.business-central.tenant-id=" + BusinessCentralDouble.TENANT,
            "stroomlijn.business-central.environment=production",
            "stroomlijn.business-central.client-id=app-id",
            "stroomlijn.business-central.client-secret=" + SECRET,
            "stroomlijn.business-central.api-url=" + bc.apiUrl(),
            "stroomlijn.business-central.token-url=" + bc.tokenUrl(),
            "stroomlijn.business-central.notification-url=http://localhost:"
                + port
                + "/webhooks/business-central",
            "stroomlijn.business-central.max-subscriptions=" + MAX_SUBSCRIPTIONS,
            // Passes run when a test asks (or the flows change), not on the clock.
            "stroomlijn.business-central.upkeep-interval=PT1H");
    return new BusinessCentralApp(bc, context, port);
  }

  public BusinessCentralDouble bc() {
    return bc;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int port() {
    return port;
  }

  public ApiClient admin() {
    return ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
  }

  public ApiClient anonymous() {
    return ApiClient.anonymous(port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
