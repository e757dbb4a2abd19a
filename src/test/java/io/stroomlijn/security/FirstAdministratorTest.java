package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StroomlijnTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first administrator: configured or generated, printed once, never reset by a restart. */
@StroomlijnTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorTest {

  private static final Pattern PRINTED =
      Pattern.compile("Generated password \\(shown once\\): (\\S+)");

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
  void generatesAPasswordWhenNoneIsConfiguredAndPrintsItOnce(CapturedOutput output) {
    var firstStart =
        new FirstAdministrator(
            identityService, authorizationService, new AdminProperties("ops", ""));
    try {
      firstStart.run(new DefaultApplicationArguments());
      Matcher printed = PRINTED.matcher(output.getOut());
      assertThat(printed.find()).as("the generated password is printed").isTrue();
      String password = printed.group(1);
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      assertThat(identityService.checkPassword("ops", password)).isTrue();

      int printedBefore = output.getOut().length();
      firstStart.run(new DefaultApplicationArguments());
      assertThat(output.getOut().substring(printedBefore)).doesNotContain("Generated password");
      assertThat(identityService.checkPassword("ops", password)).as("not reset").isTrue();
    } finally {
      identityService.deleteUser("ops");
    }
  }

  @Test
  void neverPrintsAConfiguredPassword(CapturedOutput output) {
    var start =
        new FirstAdministrator(
            identityService, authorizationService, new AdminProperties("ops2", "chosen-secret"));
    try {
      start.run(new DefaultApplicationArguments());
      assertThat(identityService.checkPassword("ops2", "chosen-secret")).isTrue();
      assertThat(output.getAll()).doesNotContain("chosen-secret");
    } finally {
      identityService.deleteUser("ops2");
    }
  }
}
