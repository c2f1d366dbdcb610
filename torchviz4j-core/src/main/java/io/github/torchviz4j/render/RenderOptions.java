package io.github.torchviz4j.render;

import io.github.torchviz4j.graph.GradientLegend;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleCollapse;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.graph.TorchvizStatements;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.LayoutOptions;

/**
 * How pictures are drawn. Immutable.
 *
 * @param engine what lays out and draws SVG, PNG and PDF; default {@link Engine#ELK}
 * @param layout spacing and speed of the embedded layout; default {@link LayoutOptions#defaults()}
 * @param pixelsPerPoint PNG resolution; default {@value #DEFAULT_PIXELS_PER_POINT} (96 dpi, as
 *     Graphviz draws PNGs)
 * @param maxPixels the most pixels (width x height) a PNG may have; larger pictures are scaled
 *     down to fit instead of failing; default {@value #DEFAULT_MAX_PIXELS} (40 megapixels, about
 *     160 MB of image memory)
 * @param maxAttrChars attribute values in function labels longer than this are cut with {@code
 *     ...}, as torchviz's {@code max_attr_chars}; default 50, values below 3 act as 3
 * @param clusters draw each module as a dashed box around the nodes it made (when the graph knows
 *     modules); default false, as torchviz
 * @param depth collapse every module at this depth into one box ({@link ModuleCollapse}, {@link
 *     ModuleLevels}); default 0: the op graph, as torchviz draws it
 */
public record RenderOptions(Engine engine, LayoutOptions layout, double pixelsPerPoint, long maxPixels,
    int maxAttrChars, boolean clusters, int depth) {
  /** 96 dpi: Graphviz's PNG resolution, 96 pixels per 72 points. */
  public static final double DEFAULT_PIXELS_PER_POINT = 96.0 / 72.0;

  /** 40 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

  /** The most a Java image can hold: its pixels live in one int array. */
  private static final long MAX_IMAGE_PIXELS = Integer.MAX_VALUE - 8L;

  /** Validates the fields. */
  public RenderOptions {
    Checks.notNull(engine, "engine");
    Checks.notNull(layout, "layout options");
    Checks.check(Double.isFinite(pixelsPerPoint) && pixelsPerPoint > 0 && pixelsPerPoint <= 100,
        "pixels per point " + pixelsPerPoint + " is invalid; give a number above 0 and up to 100"
            + " (the default " + DEFAULT_PIXELS_PER_POINT + " is 96 dpi)");
    Checks.check(depth >= 0, "depth " + depth + " is negative; give 0 for the op graph or a module depth from 1");
    Checks.check(maxAttrChars >= 0,
        "max attribute chars " + maxAttrChars + " is negative; give 0 or more (torchviz's default is 50)");
    Checks.check(maxPixels >= 1 && maxPixels <= MAX_IMAGE_PIXELS,
        "max pixels " + maxPixels + " is invalid; give a number from 1 to " + MAX_IMAGE_PIXELS);
  }

  /** @return the defaults: the embedded ELK engine, default layout, 96 dpi, at most 40 megapixels */
  public static RenderOptions defaults() {
    return new RenderOptions(Engine.ELK, LayoutOptions.defaults(), DEFAULT_PIXELS_PER_POINT,
        DEFAULT_MAX_PIXELS, TorchvizStatements.DEFAULT_MAX_ATTR_CHARS, false, 0);
  }

  /**
   * A copy with another engine.
   *
   * @param newEngine the engine
   * @return the copy
   */
  public RenderOptions withEngine(Engine newEngine) {
    return new RenderOptions(newEngine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth);
  }

  /**
   * A copy with other layout options.
   *
   * @param newLayout the layout options
   * @return the copy
   */
  public RenderOptions withLayout(LayoutOptions newLayout) {
    return new RenderOptions(engine, newLayout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth);
  }

  /**
   * A copy with another PNG resolution.
   *
   * @param newPixelsPerPoint pixels per point (1/72 in); 2.0 is 144 dpi
   * @return the copy
   */
  public RenderOptions withPixelsPerPoint(double newPixelsPerPoint) {
    return new RenderOptions(engine, layout, newPixelsPerPoint, maxPixels, maxAttrChars, clusters, depth);
  }

  /**
   * A copy with another PNG pixel cap.
   *
   * @param newMaxPixels the most pixels a PNG may have
   * @return the copy
   */
  public RenderOptions withMaxPixels(long newMaxPixels) {
    return new RenderOptions(engine, layout, pixelsPerPoint, newMaxPixels, maxAttrChars, clusters, depth);
  }

  /**
   * A copy that cuts attribute values at another length.
   *
   * @param newMaxAttrChars the longest attribute value shown
   * @return the copy
   */
  public RenderOptions withMaxAttrChars(int newMaxAttrChars) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, newMaxAttrChars, clusters, depth);
  }

  /**
   * A copy that draws module clusters or not.
   *
   * @param drawClusters true to draw dashed module boxes
   * @return the copy
   */
  public RenderOptions withClusters(boolean drawClusters) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, drawClusters, depth);
  }

  /**
   * A copy that collapses modules at a depth.
   *
   * @param moduleDepth 0 for the op graph, n to draw each module at depth n as one box
   * @return the copy
   */
  public RenderOptions withDepth(int moduleDepth) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, moduleDepth);
  }

  /**
   * The graph as these options draw it: modules collapsed to {@link #depth}, a legend added when
   * gradients were captured ({@link GradientLegend}), module paths dropped unless {@link #clusters}
   * are drawn.
   *
   * @param graph a captured graph
   * @return the graph to lay out and write
   */
  public Graph prepare(Graph graph) {
    Graph collapsed = GradientLegend.annotate(ModuleCollapse.collapse(graph, depth));
    if (clusters) {
      return collapsed;
    }
    return collapsed.withNodes(
        collapsed.nodes().stream().map(node -> node.withModulePath("")).toList(), collapsed.modules());
  }
}
