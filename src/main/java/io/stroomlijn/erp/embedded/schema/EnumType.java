package io.stroomlijn.erp.embedded.schema;

import java.util.List;

/**
 * An enum as Business Central's {@code $metadata} declares it: a type name such as {@code
 * customerBlocked} shared by the fields that use it, and its values in Business Central's spelling
 * (the first is the default).
 *
 * @param name the type name in the {@code Microsoft.NAV} namespace
 * @param values the values as the API reads and writes them, such as {@code " "} or {@code In
 *     Review}
 */
public record EnumType(String name, List<String> values) {

  public EnumType {
    values = List.copyOf(values);
  }

  public static EnumType of(String name, String... values) {
    return new EnumType(name, List.of(values));
  }

  /**
   * The member name of a value in {@code $metadata}: OData names cannot hold spaces or punctuation,
   * so Business Central writes each such character as {@code _xHHHH_} ({@code " "} is {@code
   * _x0020_}, {@code Non-Inventory} is {@code Non_x002D_Inventory}).
   */
  public static String memberName(String value) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean plain = Character.isLetter(c) || (i > 0 && Character.isDigit(c)) || c == '_';
      if (plain) {
        name.append(c);
      } else {
        name.append(String.format("_x%04X_", (int) c));
      }
    }
    return name.toString();
  }
}
