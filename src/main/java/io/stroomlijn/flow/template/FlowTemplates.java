package io.stroomlijn.flow.template;

import io.stroomlijn.flow.ProcessesProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The flow templates in {@code processes/templates/} (or, without that folder, the ones in the
 * jar), read on each request so a template added to the folder shows without a restart.
 */
@Component
class FlowTemplates {

  static final String PARAMETER_PREFIX = "template.parameter.";

  private final ProcessesProperties processes;

  FlowTemplates(ProcessesProperties processes) {
    this.processes = processes;
  }

  List<FlowTemplate> all() {
    List<FlowTemplate> templates = new ArrayList<>();
    for (String bpmn : texts()) {
      parse(bpmn).ifPresent(templates::add);
    }
    templates.sort(Comparator.comparing(FlowTemplate::id));
    return templates;
  }

  Optional<FlowTemplate> find(String id) {
    return all().stream().filter(template -> template.id().equals(id)).findFirst();
  }

  private List<String> texts() {
    Path folder = Path.of(processes.location(), "templates");
    List<String> texts = new ArrayList<>();
    try {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
            texts.add(Files.readString(file));
          }
        }
      } else {
        for (Resource resource :
            new PathMatchingResourcePatternResolver()
                .getResources("classpath*:processes/templates/*.bpmn")) {
          texts.add(new String(resource.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the flow templates in " + folder, e);
    }
    return texts;
  }

  /** A template's metadata from its process; empty for a BPMN file that declares no template. */
  private static Optional<FlowTemplate> parse(String bpmn) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
    for (Process process : model.getModelElementsByType(Process.class)) {
      Map<String, String> properties = new LinkedHashMap<>();
      if (process.getExtensionElements() != null) {
        process.getExtensionElements().getElementsQuery().list().stream()
            .flatMap(element -> element.getChildElementsByType(CamundaProperty.class).stream())
            .forEach(
                property -> properties.put(property.getCamundaName(), property.getCamundaValue()));
      }
      String id = properties.get("template.id");
      if (id == null) {
        continue;
      }
      List<FlowTemplate.Parameter> parameters = new ArrayList<>();
      properties.forEach(
          (name, value) -> {
            if (name.startsWith(PARAMETER_PREFIX)) {
              String[] parts = (value + "||").split("\\|", -1);
              parameters.add(
                  new FlowTemplate.Parameter(
                      name.substring(PARAMETER_PREFIX.length()),
                      parts[0],
                      parts[1],
                      Boolean.parseBoolean(parts[2])));
            }
          });
      String description =
          process.getDocumentations().stream()
              .map(Documentation::getTextContent)
              .findFirst()
              .orElse("");
      return Optional.of(
          new FlowTemplate(
              id,
              properties.getOrDefault("template.name", id),
              description,
              properties.get("template.entitySet"),
              process.getId(),
              parameters,
              bpmn));
    }
    return Optional.empty();
  }
}
