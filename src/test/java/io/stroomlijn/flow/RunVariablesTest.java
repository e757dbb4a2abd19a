package io.stroomlijn.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;

/** The run variables' contract: what the engine stores for each, and how code reads it back. */
class RunVariablesTest {

  @Test
  void storesGuidsAsTextThatExpressionsAndQueriesSee() {
    UUID company = UUID.randomUUID();
    VariableMap variables = Variables.createVariables();

    RunVariables.COMPANY_ID.putIn(variables, company);

    assertThat(variables.get("companyId")).isEqualTo(company.toString());
    assertThat(RunVariables.COMPANY_ID.from(variables)).isEqualTo(company);
  }

  @Test
  void storesRecordsAndChangedFieldsAsJson() {
    VariableMap variables = Variables.createVariables();

    RunVariables.RECORD.putIn(variables, Map.of("displayName", "Fabrikam"));
    RunVariables.CHANGED_FIELDS.putIn(variables, List.of("blocked"));

    ObjectValue record = variables.getValueTyped("record");
    assertThat(record.getSerializationDataFormat()).isEqualTo("application/json");
    assertThat(record.getValueSerialized()).isEqualTo("{\"displayName\":\"Fabrikam\"}");
    ObjectValue changed = variables.getValueTyped("changedFields");
    assertThat(changed.getValueSerialized()).isEqualTo("[\"blocked\"]");
  }

  @Test
  void namesTheVariableARunLacks() {
    assertThatThrownBy(() -> RunVariables.RECORD_ID.from(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'recordId'");
    assertThat(RunVariables.STARTED_BY.fromOrNull(Map.of())).isNull();
  }

  @Test
  void actionInputNamesAreTheVariableNames() {
    assertThat(RunVariables.Names.COMPANY_ID).isEqualTo(RunVariables.COMPANY_ID.name());
    assertThat(RunVariables.Names.ENTITY_SET).isEqualTo(RunVariables.ENTITY_SET.name());
    assertThat(RunVariables.Names.RECORD_ID).isEqualTo(RunVariables.RECORD_ID.name());
  }
}
