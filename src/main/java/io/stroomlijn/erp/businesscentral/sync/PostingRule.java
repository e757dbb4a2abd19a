package io.stroomlijn.erp.businesscentral.sync;

import java.util.Map;
import java.util.Set;

/**
 * When a change of a Business Central document is a posting. Business Central's API v2.0 keeps a
 * posted sales or purchase invoice (and credit memo) under the id its draft had, and shows the
 * posting as its {@code status} moving from an unposted status to a posted one (Open, Paid,
 * Canceled, Corrective). The embedded ERP posts the same way (its {@code DocumentPosting} turns a
 * Draft invoice into an Open one under the same id and emits {@code posted}); the unposted statuses
 * are those its {@code MasterDataRules} counts as open documents. Orders are not posted themselves
 * (shipping and invoicing them makes new documents), so their status changes stay {@code modified}.
 */
final class PostingRule {

  static final Set<String> POSTABLE =
      Set.of("salesInvoices", "purchaseInvoices", "salesCreditMemos", "purchaseCreditMemos");
  static final Set<String> UNPOSTED = Set.of("Draft", "In Review", "Released");

  private static final String STATUS = "status";

  private PostingRule() {}

  /** Whether the change from {@code before} to {@code after} posted the document. */
  static boolean isPosting(
      String entitySet, Map<String, Object> before, Map<String, Object> after) {
    if (!POSTABLE.contains(entitySet)) {
      return false;
    }
    return before.get(STATUS) instanceof String was
        && UNPOSTED.contains(was)
        && after.get(STATUS) instanceof String now
        && !now.isBlank()
        && !UNPOSTED.contains(now);
  }
}
