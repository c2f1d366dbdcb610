package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;

/**
 * Where an edge's label is drawn: one line of text beside the edge's route, such as the gradient
 * that flowed back along it. Immutable.
 *
 * @param edge the index of the edge in {@link Layout#edges()}
 * @param box the label's box, in points
 * @param line the text, placed inside the box; user data, so writers must escape it
 */
public record EdgeLabel(int edge, Box box, TextLine line) {
  /** The colour writers paint label text in, {@code 0xRRGGBB}: dark red, apart from the black edges. */
  public static final int COLOR = 0xa61b1b;

  /**
   * Validates the fields.
   *
   * @param edge the index of the edge, 0 or more
   * @param box the label's box
   * @param line the text, placed
   */
  public EdgeLabel {
    Checks.check(edge >= 0, "edge index " + edge + " is negative; give the index of a laid-out edge");
    Checks.notNull(box, "label box");
    Checks.notNull(line, "label line");
  }
}
