package io.stroomlijn.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StroomlijnTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

/** Flows deploy with stable names: from the folder or the jar, unchanged means no new version. */
@StroomlijnTest
class ProcessFolderDeployerTest {

  private static final String FLOW =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
        <bpmn:process id="DeployerProbe" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_%s" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired RepositoryService repository;
  @TempDir Path folder;

  @AfterEach
  void removeProbe() {
    repository.createDeploymentQuery().list().stream()
        .filter(
            deployment ->
                repository
                    .getDeploymentResourceNames(deployment.getId())
                    .contains("DeployerProbe.bpmn"))
        .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
  }

  private void deployFrom(String location) throws Exception {
    new ProcessFolderDeployer(repository, new ProcessesProperties(location))
        .run(new DefaultApplicationArguments());
  }

  private long probeVersions() {
    return repository.createProcessDefinitionQuery().processDefinitionKey("DeployerProbe").count();
  }

  @Test
  void deploysANewVersionOnlyWhenAFlowChanged() throws Exception {
    Files.writeString(folder.resolve("DeployerProbe.bpmn"), FLOW.formatted("A"));
    deployFrom(folder.toString());
    deployFrom(folder.toString());
    assertThat(probeVersions()).isEqualTo(1);

    Files.writeString(folder.resolve("DeployerProbe.bpmn"), FLOW.formatted("B"));
    deployFrom(folder.toString());
    assertThat(probeVersions()).isEqualTo(2);
  }

  @Test
  void theJarsCopyHasTheSameNamesAsTheFolder() throws Exception {
    ProcessDefinition before = latestHello();

    deployFrom(folder.resolve("no-such-folder").toString());

    assertThat(latestHello().getId()).isEqualTo(before.getId());
    assertThat(before.getResourceName()).isEqualTo("examples/HelloStroomlijn.bpmn");
  }

  private ProcessDefinition latestHello() {
    return repository
        .createProcessDefinitionQuery()
        .processDefinitionKey("HelloStroomlijn")
        .latestVersion()
        .singleResult();
  }
}
