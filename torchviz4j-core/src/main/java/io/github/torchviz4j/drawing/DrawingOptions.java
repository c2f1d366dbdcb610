package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.internal.Checks;

/**
 * What a drawing shows of a graph. Immutable; plain data.
 *
 * <pre>{@code
 * Drawing drawing = Drawing.of(graph, new DrawingOptions(1, false, 0, 50)); // top-level modules as boxes
 * }</pre>
 *
 * @param depth collapse every module at this depth into one box ({@code ModuleCollapse},
 *     {@link ModuleLevels}); 0 draws the op graph, as torchviz does
 * @param clusters keep the module path of each node, so that modules are drawn as clusters; false
 *     draws the graph flat, as torchviz does
 * @param collapsedDepth an interactive viewer opens with the modules at this depth collapsed; 0
 *     opens every module expanded. Pictures ignore it
 * @param maxAttrChars attribute values in function labels longer than this are cut with {@code
 *     ...}, as torchviz's {@code max_attr_chars}; values below 3 act as 3
 * @param fold draw identical consecutive sibling modules once ({@code ModuleFold}), before
 *     collapsing to {@code depth}
 * @param backward label each edge with the gradient the graph's replayed backward pass sent along
 *     it ({@link io.github.torchviz4j.graph.Graph#backward()}, {@link Drawing#edgeLabels()}); the
 *     graph must carry a pass
 */
public record DrawingOptions(int depth, boolean clusters, int collapsedDepth, int maxAttrChars, boolean fold,
    boolean backward) {

  /**
   * Validates the fields.
   *
   * @param depth module depth to collapse, 0 or more
   * @param clusters keep module paths for clusters
   * @param collapsedDepth module depth a viewer opens collapsed, 0 or more
   * @param maxAttrChars longest attribute value, 0 or more
   * @param fold draw identical consecutive sibling modules once
   * @param backward label edges with the replayed backward pass's gradients
   */
  public DrawingOptions {
    Checks.check(depth >= 0, "depth " + depth + " is negative; give 0 for the op graph or a module depth from 1");
    Checks.check(collapsedDepth >= 0, "collapsed depth " + collapsedDepth + " is negative; give 0 or more");
    Checks.check(maxAttrChars >= 0,
        "max attribute chars " + maxAttrChars + " is negative; give 0 or more (torchviz's default is 50)");
  }

  /**
   * Options that show no backward pass.
   *
   * @param depth collapse every module at this depth into one box; 0 for the op graph
   * @param clusters keep module paths for clusters
   * @param collapsedDepth the viewer's initially collapsed depth
   * @param maxAttrChars the longest attribute value shown
   * @param fold draw identical consecutive sibling modules once
   */
  public DrawingOptions(int depth, boolean clusters, int collapsedDepth, int maxAttrChars, boolean fold) {
    this(depth, clusters, collapsedDepth, maxAttrChars, fold, false);
  }

  /**
   * A copy that labels edges with the backward pass's gradients, or not.
   *
   * @param showBackward true to label edges with gradients
   * @return the copy
   */
  public DrawingOptions withBackward(boolean showBackward) {
    return new DrawingOptions(depth, clusters, collapsedDepth, maxAttrChars, fold, showBackward);
  }

  /**
   * Options that fold nothing.
   *
   * @param depth collapse every module at this depth into one box; 0 for the op graph
   * @param clusters keep module paths for clusters
   * @param collapsedDepth the viewer's initially collapsed depth
   * @param maxAttrChars the longest attribute value shown
   */
  public DrawingOptions(int depth, boolean clusters, int collapsedDepth, int maxAttrChars) {
    this(depth, clusters, collapsedDepth, maxAttrChars, false);
  }

  /** @return torchviz's drawing: the op graph, flat, attribute values cut at 50 characters */
  public static DrawingOptions defaults() {
    return new DrawingOptions(0, false, 0, TorchvizStatements.DEFAULT_MAX_ATTR_CHARS);
  }
}
