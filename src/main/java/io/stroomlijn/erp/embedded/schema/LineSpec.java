package io.stroomlijn.erp.embedded.schema;

/**
 * What makes an entity set the lines of a document.
 *
 * @param documentSet the entity set of the document
 * @param priceField the line's price field: {@code unitPrice} on sales, {@code unitCost} on
 *     purchase lines
 * @param itemPriceField the item field that gives the price's default
 */
public record LineSpec(String documentSet, String priceField, String itemPriceField) {}
