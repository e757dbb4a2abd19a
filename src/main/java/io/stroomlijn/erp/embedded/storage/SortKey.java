package io.stroomlijn.erp.embedded.storage;

import io.stroomlijn.erp.embedded.schema.FieldDefinition;

/** One key of an {@code ORDER BY}. */
public record SortKey(FieldDefinition field, boolean descending) {}
