package io.stroomlijn.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the flows in {@code processes/} at start-up. Resource names are the paths relative to
 * that folder, whether read from disk or from the jar, and duplicate filtering is on: a restart or
 * a switch between {@code mvn spring-boot:run} and {@code java -jar} creates no new versions of
 * unchanged flows. {@code processes/templates/} holds flow templates, which are not deployed as
 * they are. Flows are deployed before the demo data is created, so its changes reach them too.
 */
@Component
@Order(1)
class ProcessFolderDeployer implements ApplicationRunner {

  static final String DEPLOYMENT_NAME = "stroomlijn-processes";
  private static final Logger log = LoggerFactory.getLogger(ProcessFolderDeployer.class);
  private static final List<String> EXTENSIONS = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".form");

  private final RepositoryService repositoryService;
  private final ProcessesProperties properties;

  ProcessFolderDeployer(RepositoryService repositoryService, ProcessesProperties properties) {
    this.repositoryService = repositoryService;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    List<FlowResource> resources = findResources();
    if (resources.isEmpty()) {
      log.info("No flows found in '{}'", properties.location());
      return;
    }
    DeploymentBuilder deployment =
        repositoryService
            .createDeployment()
            .name(DEPLOYMENT_NAME)
            .source("stroomlijn")
            // Only changed flows get a new version; unchanged ones keep theirs.
            .enableDuplicateFiltering(true);
    for (FlowResource resource : resources) {
      try (InputStream in = resource.open()) {
        deployment.addString(
            resource.name(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    DeploymentWithDefinitions result = deployment.deployWithResult();
    log.info(
        "Deployed {} flow file(s) from '{}': {} new or changed process definition(s)",
        resources.size(),
        properties.location(),
        result.getDeployedProcessDefinitions() == null
            ? 0
            : result.getDeployedProcessDefinitions().size());
  }

  private List<FlowResource> findResources() throws IOException {
    Path folder = Path.of(properties.location());
    return Files.isDirectory(folder) ? fromFolder(folder) : fromClasspath();
  }

  private static List<FlowResource> fromFolder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> folder.relativize(file).toString().replace('\\', '/'))
          .filter(ProcessFolderDeployer::isDeployable)
          .sorted()
          .map(name -> new FlowResource(name, () -> Files.newInputStream(folder.resolve(name))))
          .toList();
    }
  }

  private static List<FlowResource> fromClasspath() throws IOException {
    Resource[] found =
        new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*");
    List<FlowResource> resources = new ArrayList<>();
    for (Resource resource : found) {
      String url = resource.getURL().toString();
      int at = url.lastIndexOf("processes/");
      String name = url.substring(at + "processes/".length());
      if (resource.isReadable() && isDeployable(name)) {
        resources.add(new FlowResource(name, resource::getInputStream));
      }
    }
    resources.sort(Comparator.comparing(FlowResource::name));
    return resources;
  }

  private static boolean isDeployable(String name) {
    return !name.startsWith("templates/") && EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private interface Opener {
    InputStream open() throws IOException;
  }

  private record FlowResource(String name, Opener opener) {
    InputStream open() throws IOException {
      return opener.open();
    }
  }
}
