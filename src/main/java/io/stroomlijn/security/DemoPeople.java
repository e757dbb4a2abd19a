package io.stroomlijn.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The people of the demo company, so every example flow in {@code processes/examples} runs as its
 * description says on a fresh start: the groups the examples address ({@code invoice-approvers},
 * {@code purchasing}, {@code credit-control}), each with a demo colleague with an email address,
 * and the administrator in all of them (so the walkthrough's approval reaches them). The demo
 * colleagues have no password: they receive mail, nobody logs in as them. Created once, on the
 * first start with demo data (like the demo company); what an administrator changes later stays.
 */
@Component
@ConditionalOnProperty(name = "stroomlijn.erp.demo-data", havingValue = "true")
@Order(2)
class DemoPeople implements ApplicationRunner {

  /** The administrator's address when it has none, so the examples' mails to it arrive. */
  static final String ADMIN_EMAIL = "admin@cronus.example";

  private static final Logger log = LoggerFactory.getLogger(DemoPeople.class);

  record Colleague(String groupId, String groupName, String userId, String first, String last) {
    String email() {
      return userId + "@cronus.example";
    }
  }

  static final List<Colleague> TEAM =
      List.of(
          new Colleague("invoice-approvers", "Invoice approvers", "marieke", "Marieke", "de Vries"),
          new Colleague("purchasing", "Purchasing", "jeroen", "Jeroen", "Bakker"),
          new Colleague("credit-control", "Credit control", "sanne", "Sanne", "Jansen"));

  private final IdentityService identity;
  private final AdminProperties admin;

  DemoPeople(IdentityService identity, AdminProperties admin) {
    this.identity = identity;
    this.admin = admin;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (identity.createGroupQuery().groupId(TEAM.get(0).groupId()).count() > 0) {
      return;
    }
    for (Colleague colleague : TEAM) {
      Group group = identity.newGroup(colleague.groupId());
      group.setName(colleague.groupName());
      group.setType("WORKFLOW");
      identity.saveGroup(group);
      if (identity.createUserQuery().userId(colleague.userId()).count() == 0) {
        User user = identity.newUser(colleague.userId());
        user.setFirstName(colleague.first());
        user.setLastName(colleague.last());
        user.setEmail(colleague.email());
        identity.saveUser(user);
      }
      identity.createMembership(colleague.userId(), colleague.groupId());
      identity.createMembership(admin.username(), colleague.groupId());
    }
    User administrator = identity.createUserQuery().userId(admin.username()).singleResult();
    if (administrator.getEmail() == null || administrator.getEmail().isBlank()) {
      administrator.setEmail(ADMIN_EMAIL);
      identity.saveUser(administrator);
    }
    log.info(
        "Created the demo groups {} with a demo colleague each; {} is a member of all",
        TEAM.stream().map(Colleague::groupId).toList(),
        admin.username());
  }
}
