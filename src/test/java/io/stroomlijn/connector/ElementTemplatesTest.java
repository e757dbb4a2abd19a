package io.stroomlijn.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.instant.InstantFlowCatalog;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.trigger.FlowTriggerCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The Camunda Modeler element templates in {@code .camunda/element-templates} against the code they
 * configure: each action template sets exactly the inputs its delegate reads (required ones
 * required), every action has a template, and the trigger templates set only properties the
 * catalogs read. (CI validates them against the official JSON schema as well.)
 */
@StroomlijnTest
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of(".camunda/element-templates");
  static final Set<String> TRIGGER_PROPERTIES =
      Set.of(
          FlowTriggerCatalog.ENTITY_SET,
          FlowTriggerCatalog.EVENT,
          FlowTriggerCatalog.FIELDS,
          FlowTriggerCatalog.CONDITION,
          FlowTriggerCatalog.COMPANY,
          InstantFlowCatalog.ENTITY_SETS,
          InstantFlowCatalog.COMPANIES,
          InstantFlowCatalog.RESPONSE);

  @Autowired ApplicationContext context;
  @Autowired EntitySets entitySets;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void eachActionTemplateSetsExactlyTheInputsItsDelegateReads() throws IOException {
    List<JsonNode> actions = templates().stream().filter(t -> delegate(t) != null).toList();
    assertThat(actions).isNotEmpty();
    for (JsonNode template : actions) {
      String bean = delegate(template);
      Class<?> type = context.getType(bean);
      assertThat(type).as("bean %s of template %s", bean, id(template)).isNotNull();
      ActionTemplate declared = type.getAnnotation(ActionTemplate.class);
      assertThat(declared).as("@ActionTemplate on %s", type.getSimpleName()).isNotNull();
      assertThat(declared.id())
          .as("template id of %s", type.getSimpleName())
          .isEqualTo(id(template));

      Set<String> declaredInputs = new TreeSet<>(Arrays.asList(declared.required()));
      declaredInputs.addAll(Arrays.asList(declared.optional()));
      assertThat(bindings(template, "camunda:inputParameter", false))
          .as("inputs of template %s", id(template))
          .isEqualTo(declaredInputs);
      assertThat(bindings(template, "camunda:inputParameter", true))
          .as("required inputs of template %s", id(template))
          .isEqualTo(new TreeSet<>(Arrays.asList(declared.required())));
      assertThat(asyncBefore(template)).as("%s runs as its own step", id(template)).isTrue();
    }
  }

  @Test
  void everyActionHasOneTemplate() throws IOException {
    Set<String> templateIds = new HashSet<>();
    templates().forEach(t -> assertThat(templateIds.add(id(t))).as("unique id %s", id(t)).isTrue());
    for (Object action : context.getBeansWithAnnotation(ActionTemplate.class).values()) {
      ActionTemplate declared = action.getClass().getAnnotation(ActionTemplate.class);
      assertThat(templateIds).as("a template for %s", action.getClass()).contains(declared.id());
    }
  }

  @Test
  void dropdownsOfferOnlyEntitySetsTheErpHas() throws IOException {
    for (JsonNode template : templates()) {
      for (JsonNode property : template.get("properties")) {
        String name = property.path("binding").path("name").asText();
        if (name.equals(RunVariables.ENTITY_SET.name())
            || name.equals(FlowTriggerCatalog.ENTITY_SET)) {
          for (JsonNode choice : property.get("choices")) {
            assertThat(entitySets.find(choice.get("value").asText()))
                .as("entity set %s in %s", choice.get("value"), id(template))
                .isPresent();
          }
        }
      }
    }
  }

  @Test
  void triggerTemplatesSetOnlyPropertiesTheCatalogsRead() throws IOException {
    List<JsonNode> triggers =
        templates().stream()
            .filter(t -> t.get("appliesTo").toString().contains("bpmn:StartEvent"))
            .toList();
    assertThat(triggers).hasSize(6);
    for (JsonNode template : triggers) {
      assertThat(TRIGGER_PROPERTIES)
          .as("properties of %s", id(template))
          .containsAll(bindings(template, "camunda:property", false));
    }
  }

  private List<JsonNode> templates() throws IOException {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode template = json.readTree(file.toFile());
        assertThat(template.path("version").asInt()).as("version of %s", file).isPositive();
        all.add(template);
      }
    }
    return all;
  }

  private static String id(JsonNode template) {
    return template.get("id").asText();
  }

  /** The bean a service task template calls: its hidden {@code camunda:delegateExpression}. */
  private static String delegate(JsonNode template) {
    for (JsonNode property : template.get("properties")) {
      if (property.path("binding").path("name").asText().equals("camunda:delegateExpression")) {
        return property.get("value").asText().replaceAll("^\\$\\{|}$", "");
      }
    }
    return null;
  }

  private static boolean asyncBefore(JsonNode template) {
    for (JsonNode property : template.get("properties")) {
      if (property.path("binding").path("name").asText().equals("camunda:asyncBefore")) {
        return property.path("value").asBoolean();
      }
    }
    return false;
  }

  private static Set<String> bindings(JsonNode template, String type, boolean requiredOnly) {
    Set<String> names = new TreeSet<>();
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.path("binding");
      boolean required = property.path("constraints").path("notEmpty").asBoolean();
      if (binding.path("type").asText().equals(type) && (!requiredOnly || required)) {
        names.add(binding.get("name").asText());
      }
    }
    return names;
  }
}
