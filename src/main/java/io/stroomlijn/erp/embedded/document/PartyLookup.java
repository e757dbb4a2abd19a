package io.stroomlijn.erp.embedded.document;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.embedded.records.WriteContext;
import io.stroomlijn.erp.embedded.schema.DocumentSpec;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Finds the customer or vendor of a document, and who it is billed to, by id or number, and fills
 * the document's fields from them, as Business Central does when a customer is chosen.
 */
@Component
class PartyLookup {

  private final RecordTable table;
  private final Documents documents;

  PartyLookup(RecordTable table, Documents documents) {
    this.table = table;
    this.documents = documents;
  }

  /**
   * Sets the party and the bill-to party when the client sent their id or number. The bill-to party
   * defaults to the party; on creation the party is required.
   */
  void apply(
      WriteContext context,
      DocumentSpec spec,
      Map<String, Object> values,
      Map<String, Object> given,
      boolean creating) {
    Optional<StoredRecord> party =
        find(context, spec, spec.partyIdField(), spec.partyNumberField(), given);
    if (party.isEmpty() && creating) {
      throw new InvalidRequestException(
          "BadRequest_RequiredField",
          spec.partyIdField(),
          "Specify '" + spec.partyIdField() + "' or '" + spec.partyNumberField() + "'.");
    }
    Optional<StoredRecord> billTo =
        find(context, spec, spec.billToIdField(), spec.billToNumberField(), given);
    party.ifPresent(
        chosen -> {
          copy(
              chosen,
              spec.partyIdField(),
              spec.partyNumberField(),
              spec.partyCopies(),
              values,
              given);
          if (billTo.isEmpty()) {
            copy(
                chosen,
                spec.billToIdField(),
                spec.billToNumberField(),
                spec.billToCopies(),
                values,
                given);
          }
        });
    billTo.ifPresent(
        chosen ->
            copy(
                chosen,
                spec.billToIdField(),
                spec.billToNumberField(),
                spec.billToCopies(),
                values,
                given));
  }

  /** The party of a document, locked, for postings. */
  StoredRecord partyOf(WriteContext context, DocumentSpec spec, StoredRecord document) {
    EntitySetDefinition partySet = documents.set(spec.partySet());
    return table
        .find(partySet, context.companyId(), (UUID) document.get(spec.partyIdField()), true)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    spec.partyIdField(),
                    "The " + singular(spec) + " of this document no longer exists."));
  }

  private static void copy(
      StoredRecord party,
      String idField,
      String numberField,
      Map<String, String> copies,
      Map<String, Object> values,
      Map<String, Object> given) {
    values.put(idField, party.id());
    values.put(numberField, party.get("number"));
    copies.forEach(
        (documentField, partyField) -> {
          if (!given.containsKey(documentField)) {
            values.put(documentField, party.get(partyField));
          }
        });
  }

  /** The party named by an id or number field the client sent; empty when it sent neither. */
  private Optional<StoredRecord> find(
      WriteContext context,
      DocumentSpec spec,
      String idField,
      String numberField,
      Map<String, Object> given) {
    boolean idGiven = given.containsKey(idField);
    boolean numberGiven = given.containsKey(numberField);
    if (!idGiven && !numberGiven) {
      return Optional.empty();
    }
    EntitySetDefinition partySet = documents.set(spec.partySet());
    String field = idGiven ? idField : numberField;
    StoredRecord found =
        (idGiven
                ? table.find(partySet, context.companyId(), (UUID) given.get(idField), false)
                : table.findByNumber(
                    partySet, context.companyId(), (String) given.get(numberField)))
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "BadRequest_RelatedRecordNotFound",
                        field,
                        "The "
                            + singular(spec)
                            + " "
                            + given.get(field)
                            + " given in '"
                            + field
                            + "' does not exist."));
    if (idGiven && numberGiven && !found.get("number").equals(given.get(numberField))) {
      throw new InvalidRequestException(
          numberField,
          "'" + idField + "' and '" + numberField + "' name different " + spec.partySet() + ".");
    }
    if ("All".equals(found.get("blocked"))) {
      throw new InvalidRequestException(
          "BadRequest_PartyBlocked",
          field,
          "You cannot use "
              + singular(spec)
              + " "
              + found.get("number")
              + " on a document: it is blocked with type All.");
    }
    return Optional.of(found);
  }

  private static String singular(DocumentSpec spec) {
    return spec.partySet().substring(0, spec.partySet().length() - 1);
  }
}
