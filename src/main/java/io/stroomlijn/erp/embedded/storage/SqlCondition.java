package io.stroomlijn.erp.embedded.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL condition and the values bound to its {@code ?} placeholders, in order. Values never become
 * part of the SQL text.
 */
public record SqlCondition(String sql, List<Object> parameters) {

  public SqlCondition {
    parameters = List.copyOf(parameters);
  }

  /** No condition at all. */
  public static SqlCondition none() {
    return new SqlCondition("", List.of());
  }

  /** The lines of one document, in a document lines table. */
  public static SqlCondition linesOf(java.util.UUID documentId) {
    return new SqlCondition("document_id = ?", List.of(documentId));
  }

  /** Both conditions; either may be empty. */
  public static SqlCondition and(SqlCondition left, SqlCondition right) {
    if (left.isEmpty()) {
      return right;
    }
    if (right.isEmpty()) {
      return left;
    }
    List<Object> both = new ArrayList<>(left.parameters());
    both.addAll(right.parameters());
    return new SqlCondition("(" + left.sql() + ") AND (" + right.sql() + ")", both);
  }

  public boolean isEmpty() {
    return sql.isEmpty();
  }
}
