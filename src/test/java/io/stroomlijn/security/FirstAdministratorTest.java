package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StroomlijnTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The first administrator: configured or generated into a file only its owner reads, never printed,
 * never reset by a restart.
 */
@StroomlijnTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorTest {

  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;

  @Test
  void theConfiguredAdministratorExistsAsACamundaAdmin() {
    assertThat(identityService.checkPassword(StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD))
        .isTrue();
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list())
        .extracting("id")
        .contains(StroomlijnTest.ADMIN);
  }

  @Test
  void generatesAPasswordIntoAFileOnlyItsOwnerReadsAndSaysWhere(
      CapturedOutput output, @TempDir Path data) throws Exception {
    Path file = data.resolve("initial-admin-password");
    var firstStart =
        new FirstAdministrator(
            identityService, authorizationService, new AdminProperties("ops", "", file));
    try {
      firstStart.run(new DefaultApplicationArguments());

      String password = Files.readString(file).strip();
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      assertThat(identityService.checkPassword("ops", password)).isTrue();
      assertThat(Files.getPosixFilePermissions(file))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(output.getAll())
          .contains(file.toAbsolutePath().toString())
          .doesNotContain(password);

      Files.delete(file);
      firstStart.run(new DefaultApplicationArguments());
      assertThat(file).as("a restart generates nothing").doesNotExist();
      assertThat(identityService.checkPassword("ops", password)).as("not reset").isTrue();
    } finally {
      identityService.deleteUser("ops");
    }
  }

  @Test
  void neverPrintsAConfiguredPassword(CapturedOutput output) {
    var start =
        new FirstAdministrator(
            identityService,
            authorizationService,
            new AdminProperties("ops2", "chosen-secret", null));
    try {
      start.run(new DefaultApplicationArguments());
      assertThat(identityService.checkPassword("ops2", "chosen-secret")).isTrue();
      assertThat(output.getAll()).doesNotContain("chosen-secret");
    } finally {
      identityService.deleteUser("ops2");
    }
  }
}
