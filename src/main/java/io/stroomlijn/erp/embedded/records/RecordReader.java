package io.stroomlijn.erp.embedded.records;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordPage;
import io.stroomlijn.erp.RecordQuery;
import io.stroomlijn.erp.embedded.ErpProperties;
import io.stroomlijn.erp.embedded.odata.FilterParser;
import io.stroomlijn.erp.embedded.odata.FilterSyntaxException;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.schema.FieldDefinition;
import io.stroomlijn.erp.embedded.storage.FilterTranslator;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.SortKey;
import io.stroomlijn.erp.embedded.storage.SqlCondition;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers OData queries on entity sets: filter, order, page, select and expand. */
@Component
public class RecordReader {

  private final RecordTable table;
  private final EntitySets sets;
  private final ErpProperties properties;

  public RecordReader(RecordTable table, EntitySets sets, ErpProperties properties) {
    this.table = table;
    this.sets = sets;
    this.properties = properties;
  }

  public Record get(EntitySetDefinition set, UUID companyId, UUID id, RecordQuery query) {
    StoredRecord stored =
        table.find(set, companyId, id, false).orElseThrow(() -> RecordStore.notFound(set, id));
    return toRecords(set, companyId, List.of(stored), query).get(0);
  }

  /** One page of the records matching a query and, when not empty, a further condition. */
  public RecordPage find(
      EntitySetDefinition set, UUID companyId, RecordQuery query, SqlCondition scope) {
    SqlCondition where = SqlCondition.and(scope, where(set, query.filter()));
    List<SortKey> order = order(set, query.orderBy());
    int skip = nonNegative(query.skip(), "$skip");
    int pageSize = pageSize(query.maxPageSize());
    Integer top = query.top() == null ? null : nonNegative(query.top(), "$top");
    int limit = top == null ? pageSize : Math.min(top, pageSize);
    // One more than the page tells whether a next page exists, without counting.
    List<StoredRecord> rows = table.query(set, companyId, where, order, limit + 1, skip);
    boolean more = rows.size() > limit && (top == null || top > limit);
    List<StoredRecord> page = rows.size() > limit ? rows.subList(0, limit) : rows;
    Long count = query.count() ? table.count(set, companyId, where) : null;
    return new RecordPage(
        toRecords(set, companyId, page, query), count, more ? skip + limit : null);
  }

  /** The condition for a {@code $filter}, or none. */
  public SqlCondition where(EntitySetDefinition set, String filter) {
    if (filter == null || filter.isBlank()) {
      return SqlCondition.none();
    }
    try {
      return FilterTranslator.translate(set, FilterParser.parse(filter));
    } catch (FilterSyntaxException syntax) {
      throw new InvalidRequestException("BadRequest_InvalidFilter", "$filter", syntax.getMessage());
    }
  }

  private int pageSize(Integer preferred) {
    int max = properties.maxPageSize();
    return preferred == null || preferred <= 0 ? max : Math.min(preferred, max);
  }

  private static int nonNegative(Integer value, String option) {
    if (value == null) {
      return 0;
    }
    if (value < 0) {
      throw new InvalidRequestException(option, "The value of " + option + " cannot be negative.");
    }
    return value;
  }

  private static List<SortKey> order(EntitySetDefinition set, String orderBy) {
    List<SortKey> keys = new ArrayList<>();
    if (orderBy != null && !orderBy.isBlank()) {
      for (String part : orderBy.split(",")) {
        String[] words = part.trim().split("\\s+");
        String direction = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "asc";
        if (words.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
          throw new InvalidRequestException(
              "$orderby",
              "'" + part.trim() + "' is not a valid $orderby: use 'field asc' or 'field desc'.");
        }
        keys.add(new SortKey(field(set, words[0], "$orderby"), direction.equals("desc")));
      }
    } else {
      keys.add(new SortKey(set.field(set.naturalOrderField()).orElseThrow(), false));
    }
    // The id makes the order total, so pages neither repeat nor skip records.
    keys.add(new SortKey(set.field("id").orElseThrow(), false));
    return keys;
  }

  private static FieldDefinition field(EntitySetDefinition set, String name, String option) {
    return set.field(name)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "BadRequest_PropertyNotFound",
                    option,
                    "Could not find a property named '"
                        + name
                        + "' on type 'Microsoft.NAV."
                        + set.entityName()
                        + "' in "
                        + option
                        + "."));
  }

  private List<Record> toRecords(
      EntitySetDefinition set, UUID companyId, List<StoredRecord> rows, RecordQuery query) {
    for (String selected : query.select()) {
      field(set, selected, "$select");
    }
    Map<UUID, List<Record>> lines = expandedLines(set, companyId, rows, query);
    String linesSet = set.document().map(spec -> spec.linesSet()).orElse(null);
    List<Record> records = new ArrayList<>(rows.size());
    for (StoredRecord row : rows) {
      Map<String, List<Record>> expanded =
          lines == null ? Map.of() : Map.of(linesSet, lines.getOrDefault(row.id(), List.of()));
      records.add(toRecord(set, row, query.select(), expanded));
    }
    return records;
  }

  /** The lines of each document on the page, when {@code $expand} asks for them; else null. */
  private Map<UUID, List<Record>> expandedLines(
      EntitySetDefinition set, UUID companyId, List<StoredRecord> rows, RecordQuery query) {
    if (query.expand().isEmpty()) {
      return null;
    }
    String linesSet = set.document().map(spec -> spec.linesSet()).orElse(null);
    for (String expand : query.expand()) {
      if (!expand.equals(linesSet)) {
        throw new InvalidRequestException(
            "BadRequest_InvalidExpand",
            "$expand",
            "'"
                + expand
                + "' cannot be expanded on "
                + set.name()
                + (linesSet == null ? "." : "; it has '" + linesSet + "'."));
      }
    }
    Map<UUID, List<Record>> byDocument = new LinkedHashMap<>();
    if (rows.isEmpty()) {
      return byDocument;
    }
    EntitySetDefinition lineSet = sets.find(linesSet).orElseThrow();
    List<Object> ids = new ArrayList<>(rows.stream().map(StoredRecord::id).toList());
    SqlCondition ofDocuments =
        new SqlCondition(
            "document_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
            ids);
    List<SortKey> order =
        List.of(
            new SortKey(lineSet.field("documentId").orElseThrow(), false),
            new SortKey(lineSet.field("sequence").orElseThrow(), false));
    for (StoredRecord line :
        table.query(lineSet, companyId, ofDocuments, order, Integer.MAX_VALUE, 0)) {
      byDocument
          .computeIfAbsent((UUID) line.get("documentId"), id -> new ArrayList<>())
          .add(toRecord(lineSet, line, List.of(), Map.of()));
    }
    return byDocument;
  }

  /** The API view of a stored row, with only the selected fields when there is a selection. */
  public static Record toRecord(
      EntitySetDefinition set,
      StoredRecord row,
      List<String> select,
      Map<String, List<Record>> expanded) {
    Map<String, Object> fields = row.values();
    if (!select.isEmpty()) {
      Map<String, Object> selected = new LinkedHashMap<>();
      for (FieldDefinition field : set.fields()) {
        if (select.contains(field.name())) {
          selected.put(field.name(), fields.get(field.name()));
        }
      }
      fields = selected;
    }
    return new Record(set.name(), row.id(), Etags.of(row), fields, expanded);
  }
}
