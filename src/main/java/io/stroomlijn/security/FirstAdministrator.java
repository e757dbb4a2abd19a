package io.stroomlijn.security;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator and the {@code camunda-admin} group on first start. An existing
 * user is left alone: its password is changed in the Admin webapp, not by restarting.
 */
@Component
@Order(0)
class FirstAdministrator implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final AdminProperties properties;

  FirstAdministrator(
      IdentityService identityService,
      AuthorizationService authorizationService,
      AdminProperties properties) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureAdminGroup();
    String username = properties.username();
    if (identityService.createUserQuery().userId(username).count() > 0) {
      return;
    }
    String password = properties.hasPassword() ? properties.password() : generatePassword();
    User user = identityService.newUser(username);
    user.setFirstName("Stroomlijn");
    user.setLastName("Administrator");
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(username, Groups.CAMUNDA_ADMIN);
    log.info("Created the first administrator '{}'", username);
    if (!properties.hasPassword()) {
      Path file = InitialPasswordFile.write(properties.initialPasswordFile(), password);
      // The console says where, never what: the run command's output often ends up in a log file.
      System.out.printf(
          "%n  Stroomlijn administrator: %s%n  Its generated password is in %s (readable by you"
              + " only). Log in, change it in Admin, then delete the file.%n"
              + "  Set STROOMLIJN_ADMIN_PASSWORD to choose your own instead.%n%n",
          username, file.toAbsolutePath());
    }
  }

  private void ensureAdminGroup() {
    if (identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(Groups.CAMUNDA_ADMIN);
    group.setName("Camunda BPM Administrators");
    group.setType(Groups.GROUP_TYPE_SYSTEM);
    identityService.saveGroup(group);
    for (Resource resource : Resources.values()) {
      Authorization all =
          authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      all.setGroupId(Groups.CAMUNDA_ADMIN);
      all.setResource(resource);
      all.setResourceId(Authorization.ANY);
      all.addPermission(Permissions.ALL);
      authorizationService.saveAuthorization(all);
    }
  }

  private static String generatePassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
