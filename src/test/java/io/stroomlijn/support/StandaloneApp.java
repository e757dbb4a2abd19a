package io.stroomlijn.support;

import io.stroomlijn.StroomlijnApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole application in a context of its own, for tests that restart it or point it at
 * another database. Its engine has a name of its own, so it never replaces the engine of the shared
 * test application running in the same JVM. Camunda ignores engine names with a hyphen and falls
 * back to "default", so use camelCase.
 */
public final class StandaloneApp {

  private StandaloneApp() {}

  public static ConfigurableApplicationContext start(String engineName, String... properties) {
    // As command line arguments, these win over the test profile's settings.
    List<String> arguments = new ArrayList<>();
    boolean port = false;
    for (String property : properties) {
      arguments.add("--" + property);
      port |= property.startsWith("server.port=");
    }
    // A random port unless the caller chose one (a repeated argument would join both values).
    if (!port) {
      arguments.add("--server.port=0");
    }
    // The webapps keep static state per JVM; a second app's webapps would take it over.
    arguments.add("--camunda.bpm.webapp.enabled=false");
    arguments.add("--camunda.bpm.process-engine-name=" + engineName);
    return new SpringApplicationBuilder(StroomlijnApplication.class)
        .profiles("test")
        .run(arguments.toArray(String[]::new));
  }

  /** The port the application listens on. */
  public static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
