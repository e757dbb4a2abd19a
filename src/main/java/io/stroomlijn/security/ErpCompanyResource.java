package io.stroomlijn.security;

import org.camunda.bpm.engine.authorization.Resource;

/**
 * The ERP's companies as a resource of Camunda's authorizations, so ERP permissions are granted,
 * listed and revoked like any other authorization ({@code /engine-rest/authorization}, resource
 * type {@value #TYPE}, resource id the company's id or {@code *}).
 */
enum ErpCompanyResource implements Resource {
  COMPANY;

  /** Far above Camunda's own resource types (0 to 21 in 7.24), so an upgrade cannot collide. */
  static final int TYPE = 1000;

  @Override
  public String resourceName() {
    return "ERP company";
  }

  @Override
  public int resourceType() {
    return TYPE;
  }
}
