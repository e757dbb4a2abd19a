package io.stroomlijn.erp.embedded.schema;

import java.util.Map;

/**
 * What makes an entity set a document: the party it is for, who it is billed to, its lines and how
 * it is posted.
 *
 * @param partySet the entity set of the party ({@code customers} or {@code vendors})
 * @param partyIdField the document field holding the party's id, such as {@code customerId}
 * @param partyNumberField the document field holding the party's number
 * @param partyCopies document fields filled from the party when it is chosen, mapped to the party's
 *     fields (name, sell-to or buy-from address, contact details)
 * @param billToIdField the field holding the bill-to (pay-to) party's id; it defaults to the party
 * @param billToNumberField the field holding the bill-to party's number
 * @param billToCopies document fields filled from the bill-to party (name and address)
 * @param linesSet the entity set of its lines
 * @param postedNumbers the number series of posted documents, or null when it cannot be posted
 */
public record DocumentSpec(
    String partySet,
    String partyIdField,
    String partyNumberField,
    Map<String, String> partyCopies,
    String billToIdField,
    String billToNumberField,
    Map<String, String> billToCopies,
    String linesSet,
    NumberSeries postedNumbers) {

  public DocumentSpec {
    partyCopies = Map.copyOf(partyCopies);
    billToCopies = Map.copyOf(billToCopies);
  }

  public boolean postable() {
    return postedNumbers != null;
  }
}
