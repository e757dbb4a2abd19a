package io.stroomlijn.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The two groups that carry ERP permissions for every company, created at start-up when missing, so
 * an administrator only adds users to them (Admin webapp, Groups): {@code erp-readers} read, {@code
 * erp-editors} read and change. Permissions for one company are authorizations of their own.
 */
@Component
@Order(0)
class ErpPermissionGroups implements ApplicationRunner {

  static final String READERS = "erp-readers";
  static final String EDITORS = "erp-editors";

  private static final Logger log = LoggerFactory.getLogger(ErpPermissionGroups.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;

  ErpPermissionGroups(IdentityService identity, AuthorizationService authorizations) {
    this.identity = identity;
    this.authorizations = authorizations;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensure(READERS, "ERP readers (read every company)", ErpCompanyPermission.READ);
    ensure(EDITORS, "ERP editors (read and change every company)", ErpCompanyPermission.EDIT);
  }

  private void ensure(String groupId, String name, ErpCompanyPermission permission) {
    if (identity.createGroupQuery().groupId(groupId).count() > 0) {
      return;
    }
    Group group = identity.newGroup(groupId);
    group.setName(name);
    group.setType("WORKFLOW");
    identity.saveGroup(group);
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(groupId);
    grant.setResource(ErpCompanyResource.COMPANY);
    grant.setResourceId(Authorization.ANY);
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
    log.info(
        "Created the group '{}' with the ERP permission {} for every company", groupId, permission);
  }
}
