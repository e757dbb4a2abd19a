package io.stroomlijn.erp;

import java.util.List;

/**
 * OData query options as Business Central takes them.
 *
 * @param filter {@code $filter} expression, or null
 * @param select fields to return ({@code $select}); empty means all
 * @param orderBy {@code $orderby} clause, or null for the entity set's natural order
 * @param top at most this many records ({@code $top}), or null
 * @param skip skip this many records first ({@code $skip}), or null
 * @param expand related entity sets to include, such as document lines ({@code $expand})
 * @param count whether to count all matching records ({@code $count=true})
 * @param maxPageSize the client's preferred page size ({@code Prefer: odata.maxpagesize}), or null
 */
public record RecordQuery(
    String filter,
    List<String> select,
    String orderBy,
    Integer top,
    Integer skip,
    List<String> expand,
    boolean count,
    Integer maxPageSize) {

  public RecordQuery {
    select = select == null ? List.of() : List.copyOf(select);
    expand = expand == null ? List.of() : List.copyOf(expand);
  }

  /** No options: every field of every record. */
  public static RecordQuery all() {
    return new RecordQuery(null, List.of(), null, null, null, List.of(), false, null);
  }

  /** Only the records matching an OData {@code $filter}. */
  public static RecordQuery filter(String filter) {
    return new RecordQuery(filter, List.of(), null, null, null, List.of(), false, null);
  }
}
