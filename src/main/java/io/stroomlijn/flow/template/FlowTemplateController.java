package io.stroomlijn.flow.template;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/flows/templates}: the flow templates (Business Central's {@code MS-} workflows), and
 * creating a ready flow from one.
 */
@RestController
class FlowTemplateController {

  private final FlowTemplates templates;
  private final FlowFromTemplate creation;

  FlowTemplateController(FlowTemplates templates, FlowFromTemplate creation) {
    this.templates = templates;
    this.creation = creation;
  }

  @GetMapping("/api/flows/templates")
  Map<String, Object> list() {
    return Map.of("value", templates.all().stream().map(FlowTemplateController::describe).toList());
  }

  @PostMapping("/api/flows/templates/{id}/flows")
  ResponseEntity<Map<String, Object>> create(
      @PathVariable String id, @RequestBody(required = false) FlowFromTemplate.Request request) {
    Map<String, Object> created = creation.create(id, request);
    return ResponseEntity.created(
            URI.create("/engine-rest/process-definition/key/" + created.get("key")))
        .body(created);
  }

  private static Map<String, Object> describe(FlowTemplate template) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", template.id());
    item.put("name", template.name());
    item.put("description", template.description());
    item.put("entitySet", template.entitySet());
    List<Map<String, Object>> parameters =
        template.parameters().stream()
            .map(
                parameter -> {
                  Map<String, Object> p = new LinkedHashMap<>();
                  p.put("name", parameter.name());
                  p.put("label", parameter.label());
                  p.put("default", parameter.defaultValue());
                  p.put("required", parameter.required());
                  return p;
                })
            .toList();
    item.put("parameters", parameters);
    return item;
  }
}
