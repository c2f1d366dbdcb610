package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;

/**
 * Spacing and speed settings of a layout, in points. Immutable. The defaults follow Graphviz's
 * defaults, so pictures read like torchviz's.
 *
 * @param nodeSpacing the gap between neighbouring boxes of one layer; default 18 (Graphviz's
 *     {@code nodesep} 0.25 in)
 * @param layerSpacing the gap between layers; default 36 (Graphviz's {@code ranksep} 0.5 in)
 * @param margin blank space around the drawing; default 4 (Graphviz's {@code pad})
 * @param largeGraphNodes from this many nodes on, the layout trades some crossing reduction for
 *     speed (one crossing-minimisation pass, longest-path layering, runs of single-edge nodes placed
 *     as one column); default 1000
 */
public record LayoutOptions(double nodeSpacing, double layerSpacing, double margin, int largeGraphNodes) {

  /**
   * Validates the fields.
   *
   * @param nodeSpacing the gap between neighbouring boxes of one layer; default 18 (Graphviz's
   *     {@code nodesep} 0.25 in)
   * @param layerSpacing the gap between layers; default 36 (Graphviz's {@code ranksep} 0.5 in)
   * @param margin blank space around the drawing; default 4 (Graphviz's {@code pad})
   * @param largeGraphNodes from this many nodes on, the layout trades some crossing reduction for
   *     speed (one crossing-minimisation pass, longest-path layering, runs of single-edge nodes placed
   *     as one column); default 1000
   */
  public LayoutOptions {
    checkSpacing(nodeSpacing, "node spacing");
    checkSpacing(layerSpacing, "layer spacing");
    checkSpacing(margin, "margin");
    Checks.check(largeGraphNodes >= 0,
        "large-graph threshold " + largeGraphNodes + " is negative; give a node count of 0 or more");
  }

  private static void checkSpacing(double value, String what) {
    Checks.check(Double.isFinite(value) && value >= 0 && value <= 10_000,
        what + " " + value + " is invalid; give a number of points from 0 to 10000");
  }

  /** @return the defaults: node spacing 18, layer spacing 36, margin 4, large graphs from 1000 nodes */
  public static LayoutOptions defaults() {
    return new LayoutOptions(18, 36, 4, 1000);
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Whether a graph counts as large for these options.
   *
   * @param nodeCount the graph's number of nodes
   * @return true if the faster settings apply
   */
  public boolean isLarge(int nodeCount) {
    return nodeCount >= largeGraphNodes;
  }

  /** Builds {@link LayoutOptions}; mutable, not thread-safe. */
  public static final class Builder {
    private double nodeSpacing;
    private double layerSpacing;
    private double margin;
    private int largeGraphNodes;

    private Builder(LayoutOptions start) {
      nodeSpacing = start.nodeSpacing;
      layerSpacing = start.layerSpacing;
      margin = start.margin;
      largeGraphNodes = start.largeGraphNodes;
    }

    /**
     * @param points gap between boxes of one layer
     * @return this builder
     */
    public Builder nodeSpacing(double points) {
      nodeSpacing = points;
      return this;
    }

    /**
     * @param points gap between layers
     * @return this builder
     */
    public Builder layerSpacing(double points) {
      layerSpacing = points;
      return this;
    }

    /**
     * @param points blank space around the drawing
     * @return this builder
     */
    public Builder margin(double points) {
      margin = points;
      return this;
    }

    /**
     * @param nodes node count from which the faster settings apply
     * @return this builder
     */
    public Builder largeGraphNodes(int nodes) {
      largeGraphNodes = nodes;
      return this;
    }

    /**
     * @return the options
     * @throws io.github.torchviz4j.Torchviz4jException if a value is out of range
     */
    public LayoutOptions build() {
      return new LayoutOptions(nodeSpacing, layerSpacing, margin, largeGraphNodes);
    }
  }
}
