package io.github.torchviz4j.render.svg;

import io.github.torchviz4j.internal.Hundredths;

/** Formats coordinates as Graphviz does: at most two decimals, no exponent, locale-free. */
final class SvgNumbers {
  private SvgNumbers() {}

  /**
   * Appends a coordinate rounded to hundredths, trailing zeros dropped ({@code 12}, {@code 12.5}):
   * the same numbers as the viewer's layout JSON ({@link Hundredths}).
   *
   * @param value a finite number
   * @param out where it goes
   */
  static void append(double value, StringBuilder out) {
    Hundredths.append(value, out);
  }
}
