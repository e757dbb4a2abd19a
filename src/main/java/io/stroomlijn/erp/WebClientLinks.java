package io.stroomlijn.erp;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Web client links to records, shaped like Business Central's: {@code
 * <base>?company=<name>&page=<page id>&filter='SystemId' IS '<id>'}, so the same link works when
 * the base address is a Business Central environment. Page ids are Business Central's card and
 * document pages, so the embedded ERP and a Business Central tenant link to the same pages.
 */
public final class WebClientLinks {

  private static final Map<String, Integer> PAGES =
      Map.ofEntries(
          Map.entry("customers", 21),
          Map.entry("vendors", 26),
          Map.entry("contacts", 5050),
          Map.entry("items", 30),
          Map.entry("salesOrders", 42),
          Map.entry("salesInvoices", 43),
          Map.entry("purchaseInvoices", 51),
          Map.entry("purchaseOrders", 50));

  private WebClientLinks() {}

  /** The link to one record under a web client base address. */
  public static URI link(URI base, String companyName, String entitySet, UUID id) {
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
