package io.stroomlijn.erp;

import java.util.List;

/**
 * One page of query results.
 *
 * @param records the records of this page
 * @param totalCount all matching records, when the query asked for a count; otherwise null
 * @param nextSkip the {@code $skip} of the next page when there are more records; otherwise null
 */
public record RecordPage(List<Record> records, Long totalCount, Integer nextSkip) {

  public RecordPage {
    records = List.copyOf(records);
  }
}
