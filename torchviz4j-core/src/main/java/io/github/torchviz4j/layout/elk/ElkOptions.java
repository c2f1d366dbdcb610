package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.layout.LayoutOptions;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.graph.ElkNode;

/** The one place that turns {@link LayoutOptions} into ELK properties. */
final class ElkOptions {
  /**
   * The straight run into the head node, longer than the 10 pt arrowhead, so the arrow never
   * has to bend or shrink.
   */
  static final double EDGE_NODE_BETWEEN_LAYERS = 14;

  /** ELK Layered's default; the large-graph settings lower it. */
  private static final int DEFAULT_THOROUGHNESS = 7;

  private ElkOptions() {}

  /**
   * Sets the layout properties on the root of an ELK graph.
   *
   * @param root the graph to lay out
   * @param options our options
   * @param nodeCount the number of nodes, which decides the large-graph settings
   */
  static void apply(ElkNode root, LayoutOptions options, int nodeCount) {
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    // Inputs above outputs, as Graphviz draws torchviz's edges (rankdir TB).
    root.setProperty(LayeredOptions.DIRECTION, Direction.DOWN);
    // Orthogonal routes stay narrow and are fast; splines with Brandes-Koepf get very wide.
    root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(LayeredOptions.PADDING, new ElkPadding(options.margin()));
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, options.nodeSpacing());
    root.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, options.nodeSpacing());
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, options.layerSpacing());
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, EDGE_NODE_BETWEEN_LAYERS);
    // A fixed seed keeps the picture identical from run to run.
    root.setProperty(LayeredOptions.RANDOM_SEED, 1);
    if (options.isLarge(nodeCount)) {
      // Measured on 1k-20k node autograd graphs (BENCHMARKS.md): one crossing-minimisation pass
      // instead of seven, and longest-path layering instead of network simplex, which puts every
      // node straight above its consumer (a parameter next to the op that uses it). 3-4x faster
      // than thoroughness 1 with model-order sorting, and half as wide (the transformers no
      // longer zigzag), at the cost of a few crossings: 6 on the 12-layer transformer, 27 on the
      // 48-layer one, where model order had none.
      root.setProperty(LayeredOptions.THOROUGHNESS, 1);
      root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.LONGEST_PATH);
    } else {
      root.setProperty(LayeredOptions.THOROUGHNESS, DEFAULT_THOROUGHNESS);
    }
  }

  /**
   * Places nodes in straight columns (ELK's linear-segments placement) instead of Brandes-Köpf,
   * whose picture drifts sideways a little per layer: a 300-step RNN grew 40,000 pt wide, a
   * 48-layer transformer 3,500 pt. Costs a few more bends, so small graphs without buses keep
   * Brandes-Köpf.
   *
   * @param root the graph to lay out
   */
  static void straightColumns(ElkNode root) {
    root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.LINEAR_SEGMENTS);
  }
}
