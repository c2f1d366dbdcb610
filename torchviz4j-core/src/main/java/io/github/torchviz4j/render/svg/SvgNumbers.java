package io.github.torchviz4j.render.svg;

/** Formats coordinates as Graphviz does: at most two decimals, no exponent, locale-free. */
final class SvgNumbers {
  private SvgNumbers() {}

  /**
   * Appends a coordinate rounded to hundredths, trailing zeros dropped ({@code 12}, {@code 12.5}).
   *
   * @param value a finite number
   * @param out where it goes
   */
  static void append(double value, StringBuilder out) {
    long hundredths = Math.round(value * 100);
    if (hundredths < 0) {
      out.append('-');
      hundredths = -hundredths;
    }
    out.append(hundredths / 100);
    long fraction = hundredths % 100;
    if (fraction != 0) {
      out.append('.').append(fraction / 10);
      if (fraction % 10 != 0) {
        out.append(fraction % 10);
      }
    }
  }
}
