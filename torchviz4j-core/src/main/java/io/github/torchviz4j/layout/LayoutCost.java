package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;

/**
 * What laying out a drawing would cost, estimated in a few linear passes before any layout work:
 * the boxes the layered layout places once runs of single-input, single-output nodes are merged
 * into columns and the edges of nodes with many consumers run down trunks, plus one bend for every
 * layer a long edge crosses (the layout routes it through a dummy node in each); or, when that is
 * more, a small share per graph node for the work done on every node (labels, run members, writing). The
 * layout's time grows with {@link #total()}: measured on 2 cores, about 15-60 µs per unit. A
 * 100,000-node chain costs about 5,000 units; a graph whose layout would take minutes costs
 * millions. Immutable.
 *
 * @param nodes the drawing's nodes
 * @param placed the boxes and trunk junctions the layout places
 * @param bends the dummy nodes of long edges: layers crossed, beyond the first, summed over edges
 */
public record LayoutCost(int nodes, long placed, long bends) {
  /** A graph node costs a twentieth of a placed box: our own passes over it, not ELK's. */
  public static final int NODES_PER_UNIT = 20;

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
   * The cost of a layout engine that merges nothing: every node placed (the Graphviz engine).
   *
   * @param nodes the drawing's nodes
   * @return the cost
   */
  public static LayoutCost ofNodes(int nodes) {
    return new LayoutCost(nodes, nodes, 0);
  }

  /**
   * @return placed boxes plus bends, or a share per node when that is more (a long chain is one
   *     column to place, but every node is still labelled, stacked and written): what the layout's
   *     time grows with
   */
  public long total() {
    return Math.max(placed + bends, nodes / NODES_PER_UNIT);
  }
}
