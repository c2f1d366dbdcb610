package io.github.torchviz4j.render;

import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.LayoutOptions;

/**
 * How pictures are drawn. Immutable and thread-safe; the {@code withX} methods return copies.
 *
 * <pre>{@code
 * RenderOptions clusters = RenderOptions.defaults().withClusters(true);
 * Digraph dot = TorchViz.makeDot(loss, model.named_parameters()).withOptions(clusters);
 * dot.save(Path.of("modules.svg"));                                // modules as dashed boxes
 * dot.withOptions(clusters.withDepth(1)).save(Path.of("top.png")); // one box per top-level module
 * dot.withOptions(RenderOptions.defaults().withEngine(Engine.GRAPHVIZ)).save(Path.of("dot.pdf"));
 * }</pre>
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
 *     modules), with either engine; DOT files keep torchviz's flat text; default false, as torchviz
 * @param depth collapse every module at this depth into one box ({@link io.github.torchviz4j.drawing.Drawing}, {@link
 *     ModuleLevels}); default 0: the op graph, as torchviz draws it
 * @param maxLayoutNodes the most a picture (SVG, PNG, PDF, HTML) may cost, in the units of {@link
 *     io.github.torchviz4j.layout.LayoutCost}, estimated before any layout work in a few linear
 *     passes, after {@link #depth} collapses modules: for the embedded engine one per node, one per
 *     box ELK places once runs of single-input, single-output nodes become columns and fan-outs
 *     trunks, and one per layer a long edge crosses; for Graphviz the node count. A costlier picture
 *     fails at once with a {@link io.github.torchviz4j.Torchviz4jException} instead of laying out
 *     for minutes; DOT and JSON have no limit. Default {@value #DEFAULT_MAX_LAYOUT_NODES}: a unit
 *     takes 15-60 µs on 2 cores; a 100,000-node chain costs 100,001 and draws in a few seconds, a
 *     1,000,000-node chain (1,000,001) is refused
 * @param fold draw identical consecutive sibling modules once, with their range and count
 *     ({@code layers.1 … layers.47 (EncoderLayer ×47)}, {@link DrawingOptions#fold()});
 *     default false
 * @param showBackward label each edge with the gradient the graph's replayed backward pass sent
 *     along it (values when small, else the norm) in every picture format, and write the pass into
 *     JSON; the graph must carry one ({@code MakeDotOptions.showBackward}, {@link
 *     io.github.torchviz4j.graph.Graph#withBackward}); default false
 */
public record RenderOptions(Engine engine, LayoutOptions layout, double pixelsPerPoint, long maxPixels,
    int maxAttrChars, boolean clusters, int depth, int maxLayoutNodes, boolean fold, boolean showBackward) {
  /** 96 dpi: Graphviz's PNG resolution, 96 pixels per 72 points. */
  public static final double DEFAULT_PIXELS_PER_POINT = 96.0 / 72.0;

  /** 500,000 units: a picture that would cost more is refused, see {@link #maxLayoutNodes}. */
  public static final int DEFAULT_MAX_LAYOUT_NODES = 500_000;

  /** 40 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

  /** The most a Java image can hold: its pixels live in one int array. */
  private static final long MAX_IMAGE_PIXELS = Integer.MAX_VALUE - 8L;

  /**
   * Validates the fields.
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
   *     modules), with either engine; DOT files keep torchviz's flat text; default false, as torchviz
   * @param depth collapse every module at this depth into one box ({@link io.github.torchviz4j.drawing.Drawing}, {@link
   *     ModuleLevels}); default 0: the op graph, as torchviz draws it
   * @param maxLayoutNodes the most a picture may cost, in layout cost units (see the type's doc)
   * @param fold draw identical consecutive sibling modules once, with their range and count
   *     ({@code layers.1 … layers.47 (EncoderLayer ×47)}, {@link DrawingOptions#fold()});
   *     default false
   * @param showBackward label edges with the backward pass's gradients; default false
   */
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
    Checks.check(maxLayoutNodes >= 1, "max layout nodes " + maxLayoutNodes
        + " is invalid; give 1 or more (the default is " + DEFAULT_MAX_LAYOUT_NODES + ")");
  }

  /**
   * Options that show no backward pass.
   *
   * @param engine what lays out and draws SVG, PNG and PDF
   * @param layout spacing and speed of the embedded layout
   * @param pixelsPerPoint PNG resolution
   * @param maxPixels the most pixels a PNG may have
   * @param maxAttrChars the longest attribute value shown
   * @param clusters draw module clusters
   * @param depth the module depth to collapse
   * @param maxLayoutNodes the most nodes a picture may have
   * @param fold draw identical consecutive sibling modules once
   */
  public RenderOptions(Engine engine, LayoutOptions layout, double pixelsPerPoint, long maxPixels,
      int maxAttrChars, boolean clusters, int depth, int maxLayoutNodes, boolean fold) {
    this(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth, maxLayoutNodes, fold, false);
  }

  /** @return the defaults: the embedded ELK engine, default layout, 96 dpi, at most 40 megapixels */
  public static RenderOptions defaults() {
    return new RenderOptions(Engine.ELK, LayoutOptions.defaults(), DEFAULT_PIXELS_PER_POINT,
        DEFAULT_MAX_PIXELS, TorchvizStatements.DEFAULT_MAX_ATTR_CHARS, false, 0, DEFAULT_MAX_LAYOUT_NODES,
        false);
  }

  /**
   * A copy with another engine.
   *
   * @param newEngine the engine
   * @return the copy
   */
  public RenderOptions withEngine(Engine newEngine) {
    return new RenderOptions(newEngine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth,
        maxLayoutNodes, fold, showBackward);
  }

  /**
   * A copy with other layout options.
   *
   * @param newLayout the layout options
   * @return the copy
   */
  public RenderOptions withLayout(LayoutOptions newLayout) {
    return new RenderOptions(engine, newLayout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth,
        maxLayoutNodes, fold, showBackward);
  }

  /**
   * A copy with another PNG resolution.
   *
   * @param newPixelsPerPoint pixels per point (1/72 in); 2.0 is 144 dpi
   * @return the copy
   */
  public RenderOptions withPixelsPerPoint(double newPixelsPerPoint) {
    return new RenderOptions(engine, layout, newPixelsPerPoint, maxPixels, maxAttrChars, clusters, depth,
        maxLayoutNodes, fold, showBackward);
  }

  /**
   * A copy with another PNG pixel cap.
   *
   * @param newMaxPixels the most pixels a PNG may have
   * @return the copy
   */
  public RenderOptions withMaxPixels(long newMaxPixels) {
    return new RenderOptions(engine, layout, pixelsPerPoint, newMaxPixels, maxAttrChars, clusters, depth,
        maxLayoutNodes, fold, showBackward);
  }

  /**
   * A copy that cuts attribute values at another length.
   *
   * @param newMaxAttrChars the longest attribute value shown
   * @return the copy
   */
  public RenderOptions withMaxAttrChars(int newMaxAttrChars) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, newMaxAttrChars, clusters, depth,
        maxLayoutNodes, fold, showBackward);
  }

  /**
   * A copy that draws module clusters or not.
   *
   * @param drawClusters true to draw dashed module boxes
   * @return the copy
   */
  public RenderOptions withClusters(boolean drawClusters) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, drawClusters, depth,
        maxLayoutNodes, fold, showBackward);
  }

  /**
   * A copy that collapses modules at a depth.
   *
   * @param moduleDepth 0 for the op graph, n to draw each module at depth n as one box
   * @return the copy
   */
  public RenderOptions withDepth(int moduleDepth) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, moduleDepth,
        maxLayoutNodes, fold, showBackward);
  }

  /**
   * A copy with another picture size limit.
   *
   * @param newMaxLayoutNodes the most a picture may cost, in layout cost units, at least 1
   * @return the copy
   */
  public RenderOptions withMaxLayoutNodes(int newMaxLayoutNodes) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth,
        newMaxLayoutNodes, fold, showBackward);
  }
  /**
   * A copy that folds repeated blocks, or not.
   *
   * @param foldRepeats true to draw identical consecutive sibling modules once
   * @return the copy
   */
  public RenderOptions withFold(boolean foldRepeats) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth,
        maxLayoutNodes, foldRepeats, showBackward);
  }

  /**
   * A copy that labels edges with the gradients of the graph's backward pass, or not.
   *
   * @param show true to label every edge with its gradient (the graph must carry a pass)
   * @return the copy
   */
  public RenderOptions withShowBackward(boolean show) {
    return new RenderOptions(engine, layout, pixelsPerPoint, maxPixels, maxAttrChars, clusters, depth,
        maxLayoutNodes, fold, show);
  }

  /**
   * What a format shows of a graph with these options: the one place where a format's needs
   * become drawing settings. Pictures (SVG, PNG, PDF, with either engine) and DOT collapse modules
   * to {@link #depth} and keep clusters as {@link #clusters} says (DOT text stays flat: it never
   * writes clusters); JSON always keeps module paths, they are data; the HTML viewer keeps every
   * module open and in its cluster, and opens with the modules at {@link #depth} collapsed.
   *
   * @param format the output format
   * @return the drawing options
   */
  public DrawingOptions drawing(Format format) {
    DrawingOptions shown = switch (format) {
      case HTML -> new DrawingOptions(0, true, depth, maxAttrChars, fold);
      case JSON -> new DrawingOptions(depth, true, 0, maxAttrChars, fold);
      case DOT -> new DrawingOptions(depth, false, 0, maxAttrChars, fold);
      case SVG, PNG, PDF -> new DrawingOptions(depth, clusters, 0, maxAttrChars, fold);
    };
    return shown.withBackward(showBackward);
  }
}
