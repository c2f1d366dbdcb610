package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;

/**
 * Colours gradient norms on a log scale with viridis, a perceptually uniform colour map, lightened
 * halfway to white so black labels stay readable. Immutable.
 *
 * @param lowest the smallest positive norm drawn (darkest colour)
 * @param highest the largest norm drawn (lightest colour)
 */
public record GradientScale(double lowest, double highest) {
  /** The colour of a missing, all-zero, NaN or infinite gradient. */
  public static final int PROBLEM_RGB = 0xFF5A5A;

  /** matplotlib's viridis at 0, 1/8, ..., 1. */
  private static final int[] VIRIDIS = {
      0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};

  /**
   * The scale spanning the norms of a graph's tensors.
   *
   * @param graph a graph with gradients captured
   * @return the scale, or null when no tensor has a finite non-zero gradient
   */
  public static GradientScale of(Graph graph) {
    double lowest = Double.POSITIVE_INFINITY;
    double highest = 0;
    for (Node node : graph.nodes()) {
      if (node.data().gradientState() == GradientState.PRESENT) {
        lowest = Math.min(lowest, node.data().gradientNorm());
        highest = Math.max(highest, node.data().gradientNorm());
      }
    }
    return highest > 0 ? new GradientScale(lowest, highest) : null;
  }

  /**
   * The colour of a norm.
   *
   * @param norm a positive gradient norm
   * @return {@code 0xRRGGBB}
   */
  public int rgb(double norm) {
    double span = Math.log10(highest) - Math.log10(lowest);
    double t = span <= 0 ? 1 : (Math.log10(Math.max(norm, lowest)) - Math.log10(lowest)) / span;
    t = Math.max(0, Math.min(1, t));
    double position = t * (VIRIDIS.length - 1);
    int index = Math.min((int) position, VIRIDIS.length - 2);
    double fraction = position - index;
    return lighten(mix(VIRIDIS[index], VIRIDIS[index + 1], fraction));
  }

  private static int mix(int from, int to, double fraction) {
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int a = (from >> shift) & 0xFF;
      int b = (to >> shift) & 0xFF;
      rgb |= ((int) Math.round(a + (b - a) * fraction)) << shift;
    }
    return rgb;
  }

  private static int lighten(int rgb) {
    return mix(rgb, 0xFFFFFF, 0.5);
  }
}
