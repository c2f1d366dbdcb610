package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;

/**
 * A module drawn as a dashed box around the nodes it made, its label at the top left. Immutable.
 *
 * @param path the module's dotted path
 * @param label the text drawn in the box: path, class and parameter count
 * @param box where the box is
 * @param labelBaseline the y of the label's baseline
 */
public record ClusterLayout(String path, String label, Box box, double labelBaseline) {

  /**
   * Validates the fields.
   *
   * @param path the module's dotted path
   * @param label the text drawn in the box: path, class and parameter count
   * @param box where the box is
   * @param labelBaseline the y of the label's baseline
   */
  public ClusterLayout {
    Checks.notNull(path, "cluster path");
    Checks.notNull(label, "cluster label");
    Checks.notNull(box, "cluster box");
  }

  /** Space between a cluster's border and its label or contents, in points. */
  public static final double PADDING = 8;
}
