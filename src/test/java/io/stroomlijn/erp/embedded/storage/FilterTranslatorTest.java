package io.stroomlijn.erp.embedded.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.embedded.odata.FilterParser;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FilterTranslatorTest {

  private static final EntitySetDefinition VENDORS = new EntitySets().find("vendors").orElseThrow();
  private static final EntitySetDefinition INVOICES =
      new EntitySets().find("salesInvoices").orElseThrow();

  private static SqlCondition translate(EntitySetDefinition set, String filter) {
    return FilterTranslator.translate(set, FilterParser.parse(filter));
  }

  @Test
  void bindsEveryValueAsAParameter() {
    SqlCondition condition =
        translate(VENDORS, "displayName eq 'x'' OR 1=1 --' and balance gt 10.5");

    assertThat(condition.sql()).isEqualTo("(display_name = ? AND balance > ?)");
    assertThat(condition.parameters()).containsExactly("x' OR 1=1 --", new BigDecimal("10.5"));
  }

  @Test
  void typesLiteralsByTheirField() {
    UUID id = UUID.randomUUID();
    SqlCondition condition =
        translate(
            INVOICES, "customerId eq " + id + " and dueDate lt 2026-02-01 and status eq 'draft'");

    assertThat(condition.parameters()).containsExactly(id, LocalDate.of(2026, 2, 1), "Draft");
  }

  @Test
  void matchesTextCaseInsensitivelyAndEscapesWildcards() {
    SqlCondition condition = translate(VENDORS, "contains(displayName, '50%_OFF!')");

    assertThat(condition.sql()).isEqualTo("LOWER(display_name) LIKE ? ESCAPE '!'");
    assertThat(condition.parameters()).containsExactly("%50!%!_off!!%");
  }

  @Test
  void comparesNullWithTheBlankValueAsBusinessCentralHasNoNulls() {
    SqlCondition condition = translate(VENDORS, "email eq null");

    assertThat(condition.parameters()).containsExactly("");
  }

  @Test
  void refusesLiteralsOfTheWrongTypeWithTheirPosition() {
    assertThatThrownBy(() -> translate(VENDORS, "balance gt 'many'"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("position 12")
        .hasMessageContaining("Edm.Decimal");
    assertThatThrownBy(() -> translate(VENDORS, "taxLiable gt true"))
        .hasMessageContaining("only be compared with eq or ne");
    assertThatThrownBy(() -> translate(VENDORS, "contains(balance, '1')"))
        .hasMessageContaining("needs a text field");
    assertThatThrownBy(() -> translate(INVOICES, "dueDate eq 2026-02-30"))
        .hasMessageContaining("not a valid Edm.Date");
  }
}
