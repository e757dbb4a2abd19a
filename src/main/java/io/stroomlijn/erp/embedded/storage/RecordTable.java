package io.stroomlijn.erp.embedded.storage;

import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.FieldDefinition;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the rows of entity set tables. SQL is built from the definitions' column names
 * only; every value is a bound parameter. Works the same on H2 and PostgreSQL.
 */
@Repository
public class RecordTable {

  private final JdbcTemplate jdbc;

  public RecordTable(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One row; with {@code lock} the row stays locked until the transaction ends. */
  public Optional<StoredRecord> find(
      EntitySetDefinition set, UUID companyId, UUID id, boolean lock) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        select(set) + where(set, companyId, byId(id), parameters) + (lock ? " FOR UPDATE" : "");
    return jdbc.query(sql, mapper(set), parameters.toArray()).stream().findFirst();
  }

  /** The record with a number, for entity sets with a {@code number} field. */
  public Optional<StoredRecord> findByNumber(
      EntitySetDefinition set, UUID companyId, String number) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        select(set)
            + where(set, companyId, new SqlCondition("number = ?", List.of(number)), parameters);
    return jdbc.query(sql, mapper(set), parameters.toArray()).stream().findFirst();
  }

  /**
   * Sums of decimal fields over the rows matching a condition, such as the totals of a document's
   * lines; zero when no row matches.
   */
  public Map<String, BigDecimal> sum(
      EntitySetDefinition set, UUID companyId, SqlCondition condition, List<String> fields) {
    List<FieldDefinition> columns =
        fields.stream().map(name -> set.field(name).orElseThrow()).toList();
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT "
            + columns.stream()
                .map(field -> "COALESCE(SUM(" + field.column() + "), 0)")
                .collect(Collectors.joining(", "))
            + " FROM "
            + set.table()
            + where(set, companyId, condition, parameters);
    return jdbc.queryForObject(
        sql,
        (rs, row) -> {
          Map<String, BigDecimal> sums = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            sums.put(columns.get(i).name(), rs.getBigDecimal(i + 1));
          }
          return sums;
        },
        parameters.toArray());
  }

  /** The highest value of an integer field over the matching rows, or 0. */
  public int max(EntitySetDefinition set, UUID companyId, SqlCondition condition, String field) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT COALESCE(MAX("
            + set.field(field).orElseThrow().column()
            + "), 0) FROM "
            + set.table()
            + where(set, companyId, condition, parameters);
    Integer max = jdbc.queryForObject(sql, Integer.class, parameters.toArray());
    return max == null ? 0 : max;
  }

  /** The rows matching a condition, sorted, one page of them. */
  public List<StoredRecord> query(
      EntitySetDefinition set,
      UUID companyId,
      SqlCondition where,
      List<SortKey> order,
      int limit,
      int offset) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(select(set)).append(where(set, companyId, where, parameters));
    sql.append(" ORDER BY ")
        .append(
            order.stream()
                .map(key -> key.field().column() + (key.descending() ? " DESC" : " ASC"))
                .collect(Collectors.joining(", ")));
    sql.append(" LIMIT ? OFFSET ?");
    parameters.add(limit);
    parameters.add(offset);
    return jdbc.query(sql.toString(), mapper(set), parameters.toArray());
  }

  /** How many rows match a condition. */
  public long count(EntitySetDefinition set, UUID companyId, SqlCondition where) {
    List<Object> parameters = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM " + set.table() + where(set, companyId, where, parameters);
    Long count = jdbc.queryForObject(sql, Long.class, parameters.toArray());
    return count == null ? 0 : count;
  }

  public void insert(EntitySetDefinition set, UUID companyId, StoredRecord record) {
    List<String> columns = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (FieldDefinition field : set.fields()) {
      columns.add(field.column());
      values.add(record.get(field.name()));
    }
    if (set.companyScoped()) {
      columns.add("company_id");
      values.add(companyId);
    }
    columns.add("row_version");
    values.add(record.version());
    String sql =
        "INSERT INTO "
            + set.table()
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + "?, ".repeat(columns.size() - 1)
            + "?)";
    jdbc.update(sql, values.toArray());
  }

  /**
   * Writes a changed row when its stored version is still {@code expectedVersion}; false when
   * someone else changed it first.
   */
  public boolean update(
      EntitySetDefinition set, UUID companyId, StoredRecord record, long expectedVersion) {
    List<String> assignments = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (FieldDefinition field : set.fields()) {
      if (!"id".equals(field.name())) {
        assignments.add(field.column() + " = ?");
        values.add(record.get(field.name()));
      }
    }
    assignments.add("row_version = ?");
    values.add(record.version());
    SqlCondition current =
        new SqlCondition("id = ? AND row_version = ?", List.of(record.id(), expectedVersion));
    String sql =
        "UPDATE "
            + set.table()
            + " SET "
            + String.join(", ", assignments)
            + where(set, companyId, current, values);
    return jdbc.update(sql, values.toArray()) == 1;
  }

  public boolean delete(EntitySetDefinition set, UUID companyId, UUID id) {
    List<Object> parameters = new ArrayList<>();
    String sql = "DELETE FROM " + set.table() + where(set, companyId, byId(id), parameters);
    return jdbc.update(sql, parameters.toArray()) == 1;
  }

  private static String select(EntitySetDefinition set) {
    return "SELECT "
        + set.fields().stream().map(FieldDefinition::column).collect(Collectors.joining(", "))
        + ", row_version FROM "
        + set.table();
  }

  /** The WHERE clause: the company scope (except for companies) and the condition, if any. */
  private static String where(
      EntitySetDefinition set, UUID companyId, SqlCondition condition, List<Object> parameters) {
    List<String> parts = new ArrayList<>();
    if (set.companyScoped()) {
      parts.add("company_id = ?");
      parameters.add(companyId);
    }
    if (!condition.isEmpty()) {
      parts.add(condition.sql());
      parameters.addAll(condition.parameters());
    }
    return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
  }

  private static SqlCondition byId(UUID id) {
    return new SqlCondition("id = ?", List.of(id));
  }

  private static RowMapper<StoredRecord> mapper(EntitySetDefinition set) {
    List<FieldDefinition> fields = set.fields();
    return (rs, row) -> {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        values.put(fields.get(i).name(), read(rs, i + 1, fields.get(i)));
      }
      long version = rs.getLong(fields.size() + 1);
      return new StoredRecord((UUID) values.get("id"), version, values);
    };
  }

  private static Object read(ResultSet rs, int column, FieldDefinition field) throws SQLException {
    return switch (field.type()) {
      case TEXT, ENUM -> rs.getString(column);
      case DECIMAL -> rs.getBigDecimal(column);
      case INTEGER -> rs.getInt(column);
      case BOOLEAN -> rs.getBoolean(column);
      case DATE -> rs.getObject(column, LocalDate.class);
      case DATE_TIME -> rs.getObject(column, OffsetDateTime.class);
      case GUID -> rs.getObject(column, UUID.class);
    };
  }
}
