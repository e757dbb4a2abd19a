package io.stroomlijn.erp.embedded;

import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Web client links to records, shaped like Business Central's: {@code
 * <base>?company=<name>&page=<page id>&filter='SystemId' IS '<id>'}, so the same link works when
 * the base address is a Business Central environment. Page ids are Business Central's card and
 * document pages; a line opens its document's page.
 */
final class WebClientLinks {

  private static final Map<String, Integer> PAGES =
      Map.ofEntries(
          Map.entry(EntitySets.CUSTOMERS, 21),
          Map.entry(EntitySets.VENDORS, 26),
          Map.entry(EntitySets.CONTACTS, 5050),
          Map.entry(EntitySets.ITEMS, 30),
          Map.entry(EntitySets.SALES_ORDERS, 42),
          Map.entry(EntitySets.SALES_INVOICES, 43),
          Map.entry(EntitySets.PURCHASE_INVOICES, 51),
          Map.entry(EntitySets.PURCHASE_ORDERS, 50));

  private WebClientLinks() {}

  static URI link(URI base, String companyName, String entitySet, UUID id) {
    Integer page = PAGES.get(entitySet);
    if (page == null) {
      throw new RecordNotFoundException(
          "The web client has no page for records of '" + entitySet + "'.");
    }
    String address = base.toString();
    String separator = address.contains("?") ? "&" : "?";
    return URI.create(
        address
            + separator
            + "company="
            + encode(companyName)
            + "&page="
            + page
            + "&filter="
            + encode("'SystemId' IS '" + id + "'"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
