package io.stroomlijn.security;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * What an authorization on an {@link ErpCompanyResource} allows: reading a company's records, or
 * also changing them. Camunda checks that a permission belongs to its resource, so the ERP has its
 * own instead of Camunda's {@code READ} and {@code UPDATE}.
 */
enum ErpCompanyPermission implements Permission {
  NONE(0),
  READ(2),
  EDIT(4),
  ALL(Integer.MAX_VALUE);

  private static final Resource[] TYPES = {ErpCompanyResource.COMPANY};

  private final int value;

  ErpCompanyPermission(int value) {
    this.value = value;
  }

  @Override
  public String getName() {
    return name();
  }

  @Override
  public int getValue() {
    return value;
  }

  @Override
  public Resource[] getTypes() {
    return TYPES;
  }
}
