package io.stroomlijn.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** The {@code camunda:property} values of a BPMN element as the engine's parse listeners see it. */
public final class ParsedProperties {

  private ParsedProperties() {}

  /** Name to value, in document order; empty when the element has none. */
  public static Map<String, String> of(Element element) {
    Map<String, String> properties = new LinkedHashMap<>();
    Element extensions = element.element("extensionElements");
    if (extensions == null) {
      return properties;
    }
    for (Element list : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties")) {
      for (Element property : list.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        properties.put(property.attribute("name"), property.attribute("value"));
      }
    }
    return properties;
  }
}
