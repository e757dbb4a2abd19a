package io.stroomlijn.erp.embedded;

import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.storage.NumberSeriesTable;
import io.stroomlijn.erp.embedded.storage.RecordTable;
import io.stroomlijn.erp.embedded.storage.StoredRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The companies of the embedded ERP. They are set up here (the API, like Business Central's, only
 * reads them), each with its own number series.
 */
@Component
public class Companies {

  private final EntitySets sets;
  private final RecordTable table;
  private final NumberSeriesTable numberSeries;
  private final JdbcTemplate jdbc;
  private final Set<UUID> known = ConcurrentHashMap.newKeySet();
  private final Map<UUID, String> names = new ConcurrentHashMap<>();

  public Companies(
      EntitySets sets, RecordTable table, NumberSeriesTable numberSeries, JdbcTemplate jdbc) {
    this.sets = sets;
    this.table = table;
    this.numberSeries = numberSeries;
    this.jdbc = jdbc;
  }

  /** Creates a company with its number series and returns its id. */
  @Transactional
  public UUID create(String name, String displayName, String createdBy) {
    EntitySetDefinition companies = sets.find(EntitySets.COMPANIES).orElseThrow();
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<String, Object> values = new LinkedHashMap<>();
    companies.fields().forEach(field -> values.put(field.name(), field.defaultValue()));
    values.put("id", id);
    values.put("systemVersion", "Stroomlijn");
    values.put("name", name);
    values.put("displayName", displayName);
    values.put("systemCreatedAt", now);
    values.put("systemCreatedBy", createdBy);
    values.put("systemModifiedAt", now);
    values.put("systemModifiedBy", createdBy);
    table.insert(companies, null, new StoredRecord(id, 1, values));
    for (EntitySetDefinition set : sets.all()) {
      set.numbers().ifPresent(series -> numberSeries.create(id, series));
      set.document()
          .filter(spec -> spec.postable())
          .ifPresent(spec -> numberSeries.create(id, spec.postedNumbers()));
    }
    return id;
  }

  public boolean exists(UUID companyId) {
    if (companyId == null) {
      return false;
    }
    // Companies are never deleted, so a company once found stays known.
    if (known.contains(companyId)) {
      return true;
    }
    Long found =
        jdbc.queryForObject("SELECT COUNT(*) FROM erp_company WHERE id = ?", Long.class, companyId);
    if (found != null && found > 0) {
      known.add(companyId);
      return true;
    }
    return false;
  }

  /** A company's name (its key in Business Central's web client links); names never change. */
  public Optional<String> name(UUID companyId) {
    String cached = names.get(companyId);
    if (cached != null) {
      return Optional.of(cached);
    }
    List<String> found =
        jdbc.queryForList("SELECT name FROM erp_company WHERE id = ?", String.class, companyId);
    found.stream().findFirst().ifPresent(name -> names.put(companyId, name));
    return found.stream().findFirst();
  }

  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM erp_company", Long.class);
    return count == null ? 0 : count;
  }
}
