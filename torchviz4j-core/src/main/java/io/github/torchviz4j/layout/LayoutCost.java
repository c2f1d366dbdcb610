package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;

/**
 * What laying out and drawing a picture would cost, estimated in a few linear passes before any
 * layout work, in units of about 15-60 µs on 2 cores: one per graph node (labels, placing, writing),
 * one per box the layered layout places once runs of single-input, single-output nodes are merged
 * into columns and the edges of nodes with many consumers run down trunks, and one per layer a long
 * edge crosses beyond the first (the layout routes it through a dummy node in each). A
 * 100,000-node chain costs about 100,000 units (a few seconds); a graph whose layout would take
 * minutes costs millions. Immutable.
 *
 * @param nodes the drawing's nodes
 * @param placed the boxes and trunk junctions the layout places
 * @param bends the dummy nodes of long edges: layers crossed, beyond the first, summed over edges
 */
public record LayoutCost(int nodes, long placed, long bends) {
  /**
   * Validates the counts.
   *
   * @param nodes the drawing's nodes
   * @param placed the boxes and junctions placed
   * @param bends the dummy nodes of long edges
   */
  public LayoutCost {
    Checks.check(nodes >= 0 && placed >= 0 && bends >= 0,
        "layout cost counts must not be negative: " + nodes + ", " + placed + ", " + bends);
  }

  /**
   * The cost by node count alone, for an engine this library does not model (Graphviz).
   *
   * @param nodes the drawing's nodes
   * @return the cost
   */
  public static LayoutCost ofNodes(int nodes) {
    return new LayoutCost(nodes, 0, 0);
  }

  /** @return nodes plus placed boxes plus bends: what the picture's time grows with */
  public long total() {
    return nodes + placed + bends;
  }
}
