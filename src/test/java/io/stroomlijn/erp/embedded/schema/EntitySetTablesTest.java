package io.stroomlijn.erp.embedded.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.support.StroomlijnTest;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every entity set definition has exactly the columns its Flyway-migrated table has. */
@StroomlijnTest
class EntitySetTablesTest {

  @Autowired EntitySets sets;
  @Autowired JdbcTemplate jdbc;

  @Test
  void everyFieldHasAColumnAndEveryColumnAField() {
    for (EntitySetDefinition set : sets.all()) {
      List<String> expected = new ArrayList<>();
      set.fields().forEach(field -> expected.add(field.column()));
      if (set.companyScoped()) {
        expected.add("company_id");
      }
      expected.add("row_version");

      List<String> actual =
          jdbc.query(
              "SELECT * FROM " + set.table() + " WHERE 1 = 0",
              rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                  columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
                }
                return columns;
              });

      assertThat(actual).as(set.name()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void textColumnsAreAsLongAsBusinessCentralAllows() {
    FieldDefinition displayName =
        sets.find("customers").orElseThrow().field("displayName").orElseThrow();
    Integer length =
        jdbc.queryForObject(
            "SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE LOWER(TABLE_NAME) = 'erp_customer' AND LOWER(COLUMN_NAME) = 'display_name'",
            Integer.class);

    assertThat(length).isEqualTo(displayName.maxLength()).isEqualTo(100);
  }
}
