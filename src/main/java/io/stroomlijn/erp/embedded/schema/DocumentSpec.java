package io.stroomlijn.erp.embedded.schema;

import java.util.Map;

/**
 * What makes an entity set a document: the party it is for, its lines and how it is posted.
 *
 * @param partySet the entity set of the party ({@code customers} or {@code vendors})
 * @param partyIdField the document field holding the party's id, such as {@code customerId}
 * @param partyNumberField the document field holding the party's number
 * @param copiedFromParty document fields filled from the party when it is set, mapped to the
 *     party's fields
 * @param linesSet the entity set of its lines
 * @param postedNumbers the number series of posted documents, or null when it cannot be posted
 */
public record DocumentSpec(
    String partySet,
    String partyIdField,
    String partyNumberField,
    Map<String, String> copiedFromParty,
    String linesSet,
    NumberSeries postedNumbers) {

  public DocumentSpec {
    copiedFromParty = Map.copyOf(copiedFromParty);
  }

  public boolean postable() {
    return postedNumbers != null;
  }
}
