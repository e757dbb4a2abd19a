package io.stroomlijn.erp.embedded.schema;

/** How the ERP treats an entity set's records. */
public enum EntityKind {
  /** The companies themselves: read-only through the API. */
  COMPANY,
  /** Master data such as customers and items: numbered on creation, edited freely. */
  MASTER,
  /** Sales and purchase documents: numbered, totals computed from their lines, postable. */
  DOCUMENT,
  /** Lines of a document: amounts computed, only editable while the document is a draft. */
  DOCUMENT_LINE,
  /** Approval entries: read-only through the API, written by the approval step of flows. */
  APPROVAL_ENTRY
}
