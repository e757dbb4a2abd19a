package io.stroomlijn.erp.embedded.odata;

import io.stroomlijn.erp.embedded.schema.EntityKind;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import io.stroomlijn.erp.embedded.schema.EnumType;
import io.stroomlijn.erp.embedded.schema.FieldDefinition;
import io.stroomlijn.erp.embedded.schema.FieldType;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.stereotype.Component;

/**
 * The ERP API's {@code $metadata} (CSDL 4.0 XML) and service document, generated from the entity
 * set catalog that also defines the tables and the API, in Business Central's conventions:
 * namespace {@code Microsoft.NAV}, entity types named like {@code customer}, companies containing
 * every other entity set, documents containing their lines, enum types under Business Central's
 * names, bound actions such as {@code Microsoft.NAV.post}, and an entity container named {@code
 * NAV}.
 */
@Component
public class ServiceMetadata {

  /** The schema namespace, and the prefix of bound actions in URLs. */
  public static final String NAMESPACE = "Microsoft.NAV";

  /** The entity container's name, as Business Central's API v2.0 names it. */
  public static final String CONTAINER = "NAV";

  private static final String EDMX = "http://docs.oasis-open.org/odata/ns/edmx";
  private static final String EDM = "http://docs.oasis-open.org/odata/ns/edm";
  private static final String CAPABILITIES = "Org.OData.Capabilities.V1.";

  private final List<EntitySetDefinition> sets;
  private final String csdl;

  public ServiceMetadata(EntitySets sets) {
    this.sets = sets.all();
    this.csdl = write();
  }

  /** The CSDL XML document. */
  public String csdl() {
    return csdl;
  }

  /**
   * The service document's entries, one per entity set: {@code name}, {@code kind} and {@code url}
   * relative to the service root, in catalog order.
   */
  public List<Map<String, Object>> entitySets() {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (EntitySetDefinition set : sets) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", set.name());
      entry.put("kind", "EntitySet");
      entry.put("url", set.name());
      entries.add(entry);
    }
    return entries;
  }

  private String write() {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      Indented out = new Indented(xml);
      xml.writeStartDocument("utf-8", "1.0");
      out.start("edmx:Edmx");
      xml.writeAttribute("Version", "4.0");
      xml.writeNamespace("edmx", EDMX);
      out.start("edmx:DataServices");
      out.start("Schema");
      xml.writeAttribute("Namespace", NAMESPACE);
      xml.writeDefaultNamespace(EDM);
      enumTypes(out);
      for (EntitySetDefinition set : sets) {
        entityType(out, set);
      }
      actions(out);
      container(out);
      out.end(); // Schema
      out.end(); // DataServices
      out.end(); // Edmx
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot write the ERP API's $metadata", e);
    }
    return text.toString();
  }

  /** Each enum type once, in the order fields first use them; member values count from 0. */
  private void enumTypes(Indented out) throws XMLStreamException {
    Map<String, List<String>> types = new LinkedHashMap<>();
    for (EntitySetDefinition set : sets) {
      for (FieldDefinition field : set.fields()) {
        if (field.type() == FieldType.ENUM) {
          List<String> earlier = types.putIfAbsent(field.enumType(), field.enumValues());
          if (earlier != null && !earlier.equals(field.enumValues())) {
            throw new IllegalStateException(
                "The enum type " + field.enumType() + " has two sets of values.");
          }
        }
      }
    }
    for (Map.Entry<String, List<String>> type : types.entrySet()) {
      out.start("EnumType");
      out.attribute("Name", type.getKey());
      List<String> values = type.getValue();
      for (int i = 0; i < values.size(); i++) {
        out.empty("Member");
        out.attribute("Name", EnumType.memberName(values.get(i)));
        out.attribute("Value", Integer.toString(i));
      }
      out.end();
    }
  }

  private void entityType(Indented out, EntitySetDefinition set) throws XMLStreamException {
    out.start("EntityType");
    out.attribute("Name", set.entityName());
    out.start("Key");
    out.empty("PropertyRef");
    out.attribute("Name", "id");
    out.end();
    for (FieldDefinition field : set.fields()) {
      out.empty("Property");
      out.attribute("Name", field.name());
      out.attribute("Type", typeOf(field));
      if (field.name().equals("id")) {
        out.attribute("Nullable", "false");
      }
      if (field.type() == FieldType.TEXT && field.maxLength() > 0) {
        out.attribute("MaxLength", Integer.toString(field.maxLength()));
      }
      if (field.type() == FieldType.DECIMAL) {
        out.attribute("Scale", "Variable");
      }
    }
    if (set.kind() == EntityKind.COMPANY) {
      for (EntitySetDefinition contained : sets) {
        if (contained.companyScoped()) {
          out.empty("NavigationProperty");
          out.attribute("Name", contained.name());
          out.attribute("Type", collectionOf(contained));
          out.attribute("ContainsTarget", "true");
        }
      }
    }
    if (set.document().isPresent()) {
      EntitySetDefinition lines = definition(set.document().get().linesSet());
      out.start("NavigationProperty");
      out.attribute("Name", lines.name());
      out.attribute("Type", collectionOf(lines));
      out.attribute("Partner", set.entityName());
      out.attribute("ContainsTarget", "true");
      referentialConstraint(out, "id", "documentId");
      out.end();
    }
    if (set.line().isPresent()) {
      EntitySetDefinition document = definition(set.line().get().documentSet());
      out.start("NavigationProperty");
      out.attribute("Name", document.entityName());
      out.attribute("Type", NAMESPACE + "." + document.entityName());
      out.attribute("Partner", set.name());
      out.attribute("ContainsTarget", "true");
      referentialConstraint(out, "documentId", "id");
      out.end();
    }
    out.end();
  }

  private static void referentialConstraint(Indented out, String property, String referenced)
      throws XMLStreamException {
    out.empty("ReferentialConstraint");
    out.attribute("Property", property);
    out.attribute("ReferencedProperty", referenced);
  }

  /** Bound actions, one per name and entity type, as {@code Microsoft.NAV.post}. */
  private void actions(Indented out) throws XMLStreamException {
    for (EntitySetDefinition set : sets) {
      for (String action : new TreeSet<>(set.actions())) {
        out.start("Action");
        out.attribute("Name", action);
        out.attribute("IsBound", "true");
        out.empty("Parameter");
        out.attribute("Name", "bindingParameter");
        out.attribute("Type", NAMESPACE + "." + set.entityName());
        out.end();
      }
    }
  }

  private void container(Indented out) throws XMLStreamException {
    out.start("EntityContainer");
    out.attribute("Name", CONTAINER);
    for (EntitySetDefinition set : sets) {
      out.start("EntitySet");
      out.attribute("Name", set.name());
      out.attribute("EntityType", NAMESPACE + "." + set.entityName());
      boolean writable =
          set.kind() != EntityKind.COMPANY && set.kind() != EntityKind.APPROVAL_ENTRY;
      capability(out, "ChangeTracking", "Supported", false);
      capability(out, "DeleteRestrictions", "Deletable", writable);
      capability(out, "InsertRestrictions", "Insertable", writable);
      capability(out, "UpdateRestrictions", "Updatable", writable);
      capability(out, "SortRestrictions", "Sortable", true);
      out.end();
    }
    out.end();
  }

  private static void capability(Indented out, String term, String property, boolean value)
      throws XMLStreamException {
    out.start("Annotation");
    out.attribute("Term", CAPABILITIES + term);
    out.start("Record");
    out.empty("PropertyValue");
    out.attribute("Property", property);
    out.attribute("Bool", Boolean.toString(value));
    out.end();
    out.end();
  }

  private static String typeOf(FieldDefinition field) {
    return field.type() == FieldType.ENUM
        ? NAMESPACE + "." + field.enumType()
        : field.type().edmName();
  }

  private static String collectionOf(EntitySetDefinition set) {
    return "Collection(" + NAMESPACE + "." + set.entityName() + ")";
  }

  private EntitySetDefinition definition(String name) {
    return sets.stream()
        .filter(set -> set.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No entity set " + name));
  }

  /** Writes elements one per line, indented by depth, so that people can read the document. */
  private static final class Indented {
    private final XMLStreamWriter xml;
    private int depth;

    Indented(XMLStreamWriter xml) {
      this.xml = xml;
    }

    void start(String element) throws XMLStreamException {
      newLine();
      xml.writeStartElement(element);
      depth++;
    }

    void empty(String element) throws XMLStreamException {
      newLine();
      xml.writeEmptyElement(element);
    }

    void attribute(String name, String value) throws XMLStreamException {
      xml.writeAttribute(name, value);
    }

    void end() throws XMLStreamException {
      depth--;
      newLine();
      xml.writeEndElement();
    }

    private void newLine() throws XMLStreamException {
      xml.writeCharacters("\n" + "  ".repeat(depth));
    }
  }
}
