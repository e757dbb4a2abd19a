package io.stroomlijn.security;

import io.stroomlijn.erp.ErpPermissions;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * ERP permissions as Camunda authorizations on {@link ErpCompanyResource}: {@code READ} or {@code
 * EDIT} (which includes reading), for one company or all ({@code *}), granted to users or groups.
 * Members of {@code camunda-admin} have all.
 */
@Component
class ErpCompanyPermissions implements ErpPermissions {

  private final AuthorizationService authorizations;
  private final IdentityService identity;

  ErpCompanyPermissions(AuthorizationService authorizations, IdentityService identity) {
    this.authorizations = authorizations;
    this.identity = identity;
  }

  @Override
  public boolean allows(String userId, UUID companyId, Access access) {
    if (userId == null) {
      return false;
    }
    List<String> groups = groupsOf(userId);
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return true;
    }
    String company = companyId == null ? Authorization.ANY : companyId.toString();
    return authorized(userId, groups, ErpCompanyPermission.EDIT, company)
        || (access == Access.READ
            && authorized(userId, groups, ErpCompanyPermission.READ, company));
  }

  @Override
  public boolean isAdministrator(String userId) {
    return userId != null && groupsOf(userId).contains(Groups.CAMUNDA_ADMIN);
  }

  private boolean authorized(
      String userId, List<String> groups, ErpCompanyPermission permission, String company) {
    return authorizations.isUserAuthorized(
        userId, groups, permission, ErpCompanyResource.COMPANY, company);
  }

  /** The groups of the request's user as authenticated, else as the identity service has them. */
  private List<String> groupsOf(String userId) {
    Authentication current = identity.getCurrentAuthentication();
    if (current != null && userId.equals(current.getUserId()) && current.getGroupIds() != null) {
      return current.getGroupIds();
    }
    return identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .toList();
  }
}
