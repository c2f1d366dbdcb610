package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Attribute;
import java.util.List;

/**
 * torchviz's {@code get_fn_name} with {@code show_attrs=True}: the function name, a dashed rule, and
 * one {@code name: value} row per attribute, names left-aligned and values right-aligned, values
 * longer than the column cut to {@code ...}.
 */
final class AttributeTable {
  private AttributeTable() {}

  static String label(String functionName, List<Attribute> attributes, int maxAttrChars) {
    if (attributes.isEmpty()) {
      return functionName;
    }
    int limit = Math.max(maxAttrChars, 3);
    int keyWidth = 0;
    int valueWidth = 0;
    for (Attribute attribute : attributes) {
      keyWidth = Math.max(keyWidth, length(attribute.name()));
      valueWidth = Math.max(valueWidth, length(attribute.value().pythonText()));
    }
    valueWidth = Math.min(valueWidth, limit);
    StringBuilder label = new StringBuilder(functionName).append('\n');
    label.append("-".repeat(Math.max(keyWidth + valueWidth + 2, functionName.length())));
    for (Attribute attribute : attributes) {
      label.append('\n')
          .append(padRight(attribute.name(), keyWidth))
          .append(": ")
          .append(padLeft(truncate(attribute.value().pythonText(), valueWidth), valueWidth));
    }
    return label.toString();
  }

  /** Python measures strings in code points, not UTF-16 units. */
  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String truncate(String text, int width) {
    return length(text) > width ? text.substring(0, text.offsetByCodePoints(0, width - 3)) + "..." : text;
  }

  private static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - length(text)));
  }

  private static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - length(text))) + text;
  }
}
