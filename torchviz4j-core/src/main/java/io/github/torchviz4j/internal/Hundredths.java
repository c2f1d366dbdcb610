package io.github.torchviz4j.internal;

/**
 * Numbers rounded to hundredths, as the SVG and the viewer's JSON print coordinates: as Graphviz
 * writes them, at most two decimals, no exponent, whatever the locale. Apart from {@link Json} so
 * that an SVG run does not start Jackson. Stateless.
 */
public final class Hundredths {
  private Hundredths() {}

  /**
   * Appends a number rounded to hundredths, trailing zeros dropped ({@code 12}, {@code 12.5},
   * {@code -0.25}); a coordinate in points needs no more.
   *
   * @param value a finite number
   * @param out where it goes
   */
  public static void append(double value, StringBuilder out) {
    long rounded = Math.round(value * 100);
    if (rounded < 0) {
      out.append('-');
      rounded = -rounded;
    }
    out.append(rounded / 100);
    long fraction = rounded % 100;
    if (fraction != 0) {
      out.append('.').append(fraction / 10);
      if (fraction % 10 != 0) {
        out.append(fraction % 10);
      }
    }
  }
}
