package io.stroomlijn.flow.template;

import java.util.List;

/**
 * A flow template of {@code processes/templates/}, such as Business Central's {@code MS-SIAPW}
 * sales invoice approval workflow: a BPMN file with {@code {{parameter}}} placeholders, declared on
 * its process as {@code template.parameter.<name>} = {@code label|default|required}.
 *
 * @param id the template's id, such as {@code MS-SIAPW}
 * @param name what it is, such as "Sales invoice approval workflow"
 * @param description its process documentation
 * @param entitySet what it works on
 * @param processId the template's own process id, replaced by the new flow's key
 * @param parameters what a user fills in
 * @param bpmn the template's text
 */
record FlowTemplate(
    String id,
    String name,
    String description,
    String entitySet,
    String processId,
    List<Parameter> parameters,
    String bpmn) {

  /** A placeholder to fill in. */
  record Parameter(String name, String label, String defaultValue, boolean required) {}
}
