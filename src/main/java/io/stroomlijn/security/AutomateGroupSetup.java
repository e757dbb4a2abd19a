package io.stroomlijn.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the automate group at start-up when it is missing, so an administrator only has to add
 * users to it (Admin webapp, Groups).
 */
@Component
@Order(0)
class AutomateGroupSetup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AutomateGroupSetup.class);

  private final IdentityService identityService;
  private final AutomateProperties properties;

  AutomateGroupSetup(IdentityService identityService, AutomateProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (identityService.createGroupQuery().groupId(properties.group()).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(properties.group());
    group.setName("Flow users (may run instant flows)");
    group.setType("WORKFLOW");
    identityService.saveGroup(group);
    log.info("Created the group '{}' whose members may run instant flows", properties.group());
  }
}
