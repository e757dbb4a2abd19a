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
 * Finds the customer or vendor of a document by id or number and fills the document's party fields
 * from it, as Business Central does when a customer is chosen.
 */
@Component
class PartyLookup {

  private final RecordTable table;
  private final Documents documents;

  PartyLookup(RecordTable table, Documents documents) {
    this.table = table;
    this.documents = documents;
  }

  /** Sets the party when the client sent its id or number; on creation one of them is required. */
  void apply(
      WriteContext context,
      DocumentSpec spec,
      Map<String, Object> values,
      Map<String, Object> given,
      boolean creating) {
    boolean idGiven = given.containsKey(spec.partyIdField());
    boolean numberGiven = given.containsKey(spec.partyNumberField());
    if (!idGiven && !numberGiven) {
      if (creating) {
        throw new InvalidRequestException(
            "BadRequest_RequiredField",
            spec.partyIdField(),
            "Specify '" + spec.partyIdField() + "' or '" + spec.partyNumberField() + "'.");
      }
      return;
    }
    StoredRecord party = find(context, spec, given, idGiven, numberGiven);
    if ("All".equals(party.get("blocked"))) {
      throw new InvalidRequestException(
          "BadRequest_PartyBlocked",
          idGiven ? spec.partyIdField() : spec.partyNumberField(),
          "You cannot use "
              + singular(spec)
              + " "
              + party.get("number")
              + " on a document: it is blocked with type All.");
    }
    values.put(spec.partyIdField(), party.id());
    values.put(spec.partyNumberField(), party.get("number"));
    spec.copiedFromParty()
        .forEach(
            (documentField, partyField) -> {
              if (values.containsKey(documentField) && !given.containsKey(documentField)) {
                values.put(documentField, party.get(partyField));
              }
            });
  }

  /** The party of a document, for postings. */
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

  private StoredRecord find(
      WriteContext context,
      DocumentSpec spec,
      Map<String, Object> given,
      boolean idGiven,
      boolean numberGiven) {
    EntitySetDefinition partySet = documents.set(spec.partySet());
    Optional<StoredRecord> party =
        idGiven
            ? table.find(
                partySet, context.companyId(), (UUID) given.get(spec.partyIdField()), false)
            : table.findByNumber(
                partySet, context.companyId(), (String) given.get(spec.partyNumberField()));
    String field = idGiven ? spec.partyIdField() : spec.partyNumberField();
    StoredRecord found =
        party.orElseThrow(
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
    if (idGiven && numberGiven && !found.get("number").equals(given.get(spec.partyNumberField()))) {
      throw new InvalidRequestException(
          spec.partyNumberField(),
          "'"
              + spec.partyIdField()
              + "' and '"
              + spec.partyNumberField()
              + "' name different "
              + spec.partySet()
              + ".");
    }
    return found;
  }

  private static String singular(DocumentSpec spec) {
    return spec.partySet().substring(0, spec.partySet().length() - 1);
  }
}
