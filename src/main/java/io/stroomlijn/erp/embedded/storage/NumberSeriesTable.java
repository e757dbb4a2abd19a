package io.stroomlijn.erp.embedded.storage;

import io.stroomlijn.erp.embedded.schema.NumberSeries;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Hands out numbers from number series, per company, inside the caller's transaction. */
@Repository
public class NumberSeriesTable {

  private final JdbcTemplate jdbc;

  public NumberSeriesTable(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates a company's series; the first number handed out will be {@code series.first()}. */
  public void create(UUID companyId, NumberSeries series) {
    jdbc.update(
        "INSERT INTO erp_number_series (company_id, code, last_number) VALUES (?, ?, ?)",
        companyId,
        series.code(),
        series.first() - series.increment());
  }

  /**
   * The next number of a series. The update locks the series row until the transaction ends, so
   * concurrent creates get distinct numbers and a rolled back create gives its number back.
   */
  public String next(UUID companyId, NumberSeries series) {
    int updated =
        jdbc.update(
            "UPDATE erp_number_series SET last_number = last_number + ?"
                + " WHERE company_id = ? AND code = ?",
            series.increment(),
            companyId,
            series.code());
    if (updated == 0) {
      throw new IllegalStateException(
          "Company " + companyId + " has no number series " + series.code());
    }
    Long number =
        jdbc.queryForObject(
            "SELECT last_number FROM erp_number_series WHERE company_id = ? AND code = ?",
            Long.class,
            companyId,
            series.code());
    return series.format(number == null ? 0 : number);
  }
}
