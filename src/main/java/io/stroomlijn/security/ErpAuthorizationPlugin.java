package io.stroomlijn.security;

import java.util.Arrays;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultPermissionProvider;
import org.camunda.bpm.engine.impl.cfg.auth.PermissionProvider;
import org.springframework.stereotype.Component;

/**
 * Teaches the engine's REST API the ERP's permission names, so an administrator grants them without
 * code: {@code POST /engine-rest/authorization/create} with {@code "resourceType": 1000} and {@code
 * "permissions": ["READ"]} or {@code ["EDIT"]}. Without it the REST API would look the names up
 * among Camunda's own permissions and refuse them for this resource.
 */
@Component
class ErpAuthorizationPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setPermissionProvider(new WithErpPermissions());
  }

  private static final class WithErpPermissions implements PermissionProvider {

    private final PermissionProvider camunda = new DefaultPermissionProvider();

    @Override
    public Permission getPermissionForName(String name, int resourceType) {
      if (resourceType != ErpCompanyResource.TYPE) {
        return camunda.getPermissionForName(name, resourceType);
      }
      return Arrays.stream(ErpCompanyPermission.values())
          .filter(permission -> permission.getName().equals(name))
          .findFirst()
          .orElseThrow(
              () ->
                  new org.camunda.bpm.engine.BadUserRequestException(
                      "The permission '"
                          + name
                          + "' does not exist for ERP companies; use READ, EDIT or ALL."));
    }

    @Override
    public Permission[] getPermissionsForResource(int resourceType) {
      return resourceType == ErpCompanyResource.TYPE
          ? ErpCompanyPermission.values()
          : camunda.getPermissionsForResource(resourceType);
    }

    @Override
    public String getNameForResource(int resourceType) {
      return resourceType == ErpCompanyResource.TYPE
          ? ErpCompanyResource.COMPANY.resourceName()
          : camunda.getNameForResource(resourceType);
    }
  }
}
