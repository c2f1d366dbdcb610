package io.github.torchviz4j.render;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutCost;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A graph with its render options, and what writers read from them, each computed once: the
 * {@link Drawing} a format shows ({@link RenderOptions#drawing(Format)}) and its embedded layout.
 * SVG, PNG and PDF show the same drawing, so they share one layout; the HTML viewer's drawing keeps
 * every module open and has its own. Both are made lazily, on first use, and kept for the scene's
 * life. Immutable in what it answers and thread-safe: concurrent callers wait for one computation.
 *
 * <pre>{@code
 * Scene scene = Scene.of(graph, RenderOptions.defaults().withDepth(1));
 * Layout layout = scene.layout(Format.SVG);     // laid out once
 * new PngWriter().write(scene, out);            // reuses it
 * }</pre>
 */
public final class Scene {
  private final Graph graph;
  private final RenderOptions options;
  /** Makes the drawing for some drawing options: of the graph, or of a diff's union. */
  private final Function<DrawingOptions, Drawing> drawer;
  private final Map<DrawingOptions, Drawing> drawings = new ConcurrentHashMap<>();
  private final Map<DrawingOptions, Layout> layouts = new ConcurrentHashMap<>();

  private Scene(Graph graph, RenderOptions options) {
    this.graph = Checks.notNull(graph, "graph");
    this.options = Checks.notNull(options, "render options");
    this.drawer = key -> Drawing.of(graph, key);
  }

  private Scene(GraphDiff diff, RenderOptions options) {
    this.options = Checks.notNull(options, "render options");
    this.drawer = key -> Drawing.of(diff, key);
    this.graph = drawing(Format.SVG).source();
  }

  /**
   * A scene that has drawn and laid out nothing yet.
   *
   * @param graph a captured graph
   * @param options how to draw it
   * @return the scene
   */
  public static Scene of(Graph graph, RenderOptions options) {
    return new Scene(graph, options);
  }

  /**
   * A scene of the union of two graphs, marked by what changed ({@link Drawing#of(GraphDiff,
   * DrawingOptions)}): every picture format, and the viewer, draws it. Made lazily as
   * {@link #of(Graph, RenderOptions)}, except that the union graph is made at once.
   *
   * @param diff the difference of two graphs
   * @param options how to draw it; depth and folding are not applied to a diff
   * @return the scene
   */
  public static Scene of(GraphDiff diff, RenderOptions options) {
    return new Scene(Checks.notNull(diff, "graph diff"), options);
  }

  /** @return the captured graph, or a diff's union graph */
  public Graph graph() {
    return graph;
  }

  /** @return how to draw it */
  public RenderOptions options() {
    return options;
  }

  /**
   * The drawing a format shows, made on first use.
   *
   * @param format the output format
   * @return the drawing
   */
  public Drawing drawing(Format format) {
    DrawingOptions wanted = options.drawing(Checks.notNull(format, "format"));
    return drawings.computeIfAbsent(wanted, drawer);
  }

  /**
   * The embedded (ELK) layout of the drawing a picture format shows, made on first use.
   *
   * @param format a picture format: SVG, PNG, PDF or HTML
   * @return the layout
   * @throws Torchviz4jException if the layout would cost more than {@link RenderOptions#maxLayoutNodes},
   *     decided before any layout work
   */
  public Layout layout(Format format) {
    Drawing drawing = drawing(format);
    checkLayoutSize(drawing, format);
    return layouts.computeIfAbsent(drawing.options(),
        key -> new ElkLayoutEngine().layout(drawing, options.layout()));
  }

  /** Graphs up to this size are drawn without estimating their cost, when the limit allows as many nodes. */
  private static final int SMALL_GRAPH = 1_000;

  /**
   * Refuses, before any layout work, a picture that would cost more than {@link
   * RenderOptions#maxLayoutNodes}: for the embedded (ELK) engine the estimate of {@link
   * ElkLayoutEngine#cost} (nodes, plus boxes placed after runs and trunks, plus bends of long
   * edges), decided in a few linear passes; for Graphviz the node count.
   *
   * @param drawing what the picture would show
   * @param format the picture's format, for the message
   * @throws Torchviz4jException naming the node count, the estimate, the limit and what to do instead
   */
  public void checkLayoutSize(Drawing drawing, Format format) {
    Graph shown = drawing.graph();
    int nodes = shown.nodes().size();
    int limit = options.maxLayoutNodes();
    // Below a thousand nodes a picture takes well under a second whatever its shape.
    if (nodes <= Math.min(limit, SMALL_GRAPH)) {
      return;
    }
    LayoutCost cost = options.engine() == Engine.ELK
        ? new ElkLayoutEngine().cost(shown, options.layout())
        : LayoutCost.ofNodes(nodes);
    if (cost.total() <= limit) {
      return;
    }
    String collapse = format == Format.HTML
        ? "draw an SVG, PNG or PDF with modules collapsed (RenderOptions.withDepth(1), or --depth 1)"
        : "collapse modules into boxes (RenderOptions.withDepth(1), or --depth 1)";
    throw new Torchviz4jException(String.format(Locale.ROOT,
        "the graph has %,d nodes, and drawing it would cost about %,d units (%,d nodes, %,d boxes placed, %,d bends"
            + " of long edges), more than the %,d a %s picture may have (RenderOptions.maxLayoutNodes):"
            + " the layout would take minutes and gigabytes of memory; write it as .gv or .json,"
            + " which have no limit, %s, or raise the limit with RenderOptions.withMaxLayoutNodes",
        nodes, cost.total(), cost.nodes(), cost.placed(), cost.bends(), limit, format, collapse));
  }

  @Override
  public String toString() {
    return "Scene[" + graph + ", " + options + "]";
  }
}
