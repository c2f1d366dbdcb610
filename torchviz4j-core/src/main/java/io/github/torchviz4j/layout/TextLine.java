package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;

/**
 * One line of a node's label, placed: drawn centred on {@code centerX} with its baseline at
 * {@code baseline}. Immutable.
 *
 * @param text the line, possibly empty; user data, so writers must escape it
 * @param centerX the horizontal centre of the line, in points
 * @param baseline the y of the baseline, in points
 * @param width the line's advance width in the bundled font, in points
 */
public record TextLine(String text, double centerX, double baseline, double width) {

  /**
   * Validates the fields.
   *
   * @param text the line, possibly empty; user data, so writers must escape it
   * @param centerX the horizontal centre of the line, in points
   * @param baseline the y of the baseline, in points
   * @param width the line's advance width in the bundled font, in points
   */
  public TextLine {
    Checks.notNull(text, "text line");
  }
}
