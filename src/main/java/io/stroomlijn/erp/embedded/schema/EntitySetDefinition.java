package io.stroomlijn.erp.embedded.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entity set of the embedded ERP: its API name, its table and its fields in API order.
 * Definitions are built with {@link #builder(String, String, String, EntityKind)}.
 */
public final class EntitySetDefinition {

  private final String name;
  private final String entityName;
  private final String table;
  private final EntityKind kind;
  private final Map<String, FieldDefinition> fields;
  private final NumberSeries numbers;
  private final DocumentSpec document;
  private final LineSpec line;
  private final Set<String> actions;

  private EntitySetDefinition(Builder builder) {
    this.name = builder.name;
    this.entityName = builder.entityName;
    this.table = builder.table;
    this.kind = builder.kind;
    Map<String, FieldDefinition> byName = new LinkedHashMap<>();
    builder.fields.forEach(field -> byName.put(field.name(), field));
    this.fields = java.util.Collections.unmodifiableMap(byName);
    this.numbers = builder.numbers;
    this.document = builder.document;
    this.line = builder.line;
    this.actions = Set.copyOf(builder.actions);
  }

  public static Builder builder(String name, String entityName, String table, EntityKind kind) {
    return new Builder(name, entityName, table, kind);
  }

  /** The entity set name in URLs, such as {@code salesInvoices}. */
  public String name() {
    return name;
  }

  /** The entity type name, such as {@code salesInvoice}. */
  public String entityName() {
    return entityName;
  }

  public String table() {
    return table;
  }

  public EntityKind kind() {
    return kind;
  }

  public List<FieldDefinition> fields() {
    return List.copyOf(fields.values());
  }

  public Optional<FieldDefinition> field(String fieldName) {
    return Optional.ofNullable(fields.get(fieldName));
  }

  public boolean hasField(String fieldName) {
    return fields.containsKey(fieldName);
  }

  /** The number series for new records, if records of this set are numbered. */
  public Optional<NumberSeries> numbers() {
    return Optional.ofNullable(numbers);
  }

  public Optional<DocumentSpec> document() {
    return Optional.ofNullable(document);
  }

  public Optional<LineSpec> line() {
    return Optional.ofNullable(line);
  }

  /** Bound actions, such as {@code post}, without the {@code Microsoft.NAV.} prefix. */
  public Set<String> actions() {
    return actions;
  }

  /** Records live inside a company, all but the companies themselves. */
  public boolean companyScoped() {
    return kind != EntityKind.COMPANY;
  }

  /** The field records are listed by when no {@code $orderby} is given. */
  public String naturalOrderField() {
    if (kind == EntityKind.DOCUMENT_LINE) {
      return "sequence";
    }
    return hasField("number") ? "number" : hasField("name") ? "name" : "id";
  }

  /** Builds a definition field by field, in API order. */
  public static final class Builder {
    private final String name;
    private final String entityName;
    private final String table;
    private final EntityKind kind;
    private final List<FieldDefinition> fields = new ArrayList<>();
    private NumberSeries numbers;
    private DocumentSpec document;
    private LineSpec line;
    private final List<String> actions = new ArrayList<>();

    private Builder(String name, String entityName, String table, EntityKind kind) {
      this.name = name;
      this.entityName = entityName;
      this.table = table;
      this.kind = kind;
    }

    /** The record's SystemId, a read-only GUID. */
    public Builder id() {
      return readOnly(FieldType.GUID, "id");
    }

    /** When the record last changed, maintained by the ERP. */
    public Builder lastModified() {
      return readOnly(FieldType.DATE_TIME, "lastModifiedDateTime");
    }

    public Builder text(String fieldName, int maxLength) {
      return add(fieldName, FieldType.TEXT, maxLength, null, true);
    }

    public Builder decimal(String fieldName) {
      return add(fieldName, FieldType.DECIMAL, 0, null, true);
    }

    public Builder integer(String fieldName) {
      return add(fieldName, FieldType.INTEGER, 0, null, true);
    }

    public Builder bool(String fieldName) {
      return add(fieldName, FieldType.BOOLEAN, 0, null, true);
    }

    public Builder date(String fieldName) {
      return add(fieldName, FieldType.DATE, 0, null, true);
    }

    public Builder dateTime(String fieldName) {
      return add(fieldName, FieldType.DATE_TIME, 0, null, true);
    }

    public Builder guid(String fieldName) {
      return add(fieldName, FieldType.GUID, 0, null, true);
    }

    /** An enum field; the type's first value is the default. */
    public Builder enumeration(String fieldName, EnumType type) {
      return add(fieldName, FieldType.ENUM, 0, type, true);
    }

    /** Several text fields of the same length, such as the lines of an address. */
    public Builder texts(int maxLength, String... fieldNames) {
      for (String fieldName : fieldNames) {
        text(fieldName, maxLength);
      }
      return this;
    }

    /** A text field the ERP fills, such as a document's number or its customer's name. */
    public Builder readOnlyText(String fieldName, int maxLength) {
      return add(fieldName, FieldType.TEXT, maxLength, null, false);
    }

    /** An enum field the ERP sets, such as a document's status; the first value is the default. */
    public Builder readOnlyEnumeration(String fieldName, EnumType type) {
      return add(fieldName, FieldType.ENUM, 0, type, false);
    }

    /** Read-only fields of one type, such as computed amounts or lookup ids. */
    public Builder readOnly(FieldType type, String... fieldNames) {
      for (String fieldName : fieldNames) {
        add(fieldName, type, 0, null, false);
      }
      return this;
    }

    public Builder numberedBy(NumberSeries series) {
      this.numbers = series;
      return this;
    }

    public Builder document(DocumentSpec spec) {
      this.document = spec;
      return this;
    }

    public Builder lineOf(LineSpec spec) {
      this.line = spec;
      return this;
    }

    public Builder action(String action) {
      actions.add(action);
      return this;
    }

    public EntitySetDefinition build() {
      return new EntitySetDefinition(this);
    }

    private Builder add(
        String fieldName, FieldType type, int maxLength, EnumType enumType, boolean editable) {
      fields.add(
          new FieldDefinition(
              fieldName,
              FieldDefinition.columnFor(fieldName),
              type,
              maxLength,
              enumType == null ? List.of() : enumType.values(),
              enumType == null ? null : enumType.name(),
              editable,
              null));
      return this;
    }
  }
}
