package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;

/**
 * A saved attribute of a backward function, named as in Python ({@code mat1}, {@code alpha},
 * {@code self_sym_sizes}). Immutable.
 *
 * @param name the attribute name, without torchviz's {@code _saved_} prefix
 * @param value its value
 */
public record Attribute(String name, AttributeValue value) {

  /**
   * Validates the fields.
   *
   * @param name the attribute name, without torchviz's {@code _saved_} prefix
   * @param value its value
   */
  public Attribute {
    Checks.notNull(name, "attribute name");
    Checks.notNull(value, "attribute value");
  }
}
