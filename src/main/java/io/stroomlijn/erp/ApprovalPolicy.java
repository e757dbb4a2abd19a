package io.stroomlijn.erp;

import java.util.UUID;

/**
 * Whether documents of an entity set must be approved before they are posted. In Business Central
 * that is so when an enabled approval workflow covers the document type; here, when an active flow
 * starts on its {@code approvalRequested} event. The flows side answers; the ERP asks.
 */
@FunctionalInterface
public interface ApprovalPolicy {

  boolean requiresApproval(UUID companyId, String entitySet);
}
