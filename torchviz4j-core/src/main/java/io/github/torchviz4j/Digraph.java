package io.github.torchviz4j;

import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.internal.OutputFiles;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import io.github.torchviz4j.render.dot.DotWriter;
import io.github.torchviz4j.render.graphviz.GraphvizWriter;
import io.github.torchviz4j.render.html.HtmlWriter;
import io.github.torchviz4j.render.json.JsonWriter;
import io.github.torchviz4j.render.pdf.PdfWriter;
import io.github.torchviz4j.render.png.PngWriter;
import io.github.torchviz4j.render.svg.SvgWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A captured autograd graph ready to be drawn: the Java counterpart of the {@code graphviz.Digraph}
 * that torchviz's {@code make_dot} returns. Immutable and thread-safe.
 *
 * <p>It draws and lays out lazily and once: the first picture computes the drawing and its layout
 * ({@link Scene}), later pictures of the same kind reuse them (an SVG then a PNG lay out once) for
 * as long as the digraph lives. {@link #withOptions} starts afresh.
 *
 * <pre>{@code
 * Digraph dot = TorchViz.makeDot(yPred, model.named_parameters());
 * System.out.println(dot.source());       // DOT text, as torchviz prints it
 * dot.save(Path.of("neuron.svg"));        // format from the extension: .gv .dot .svg .png .pdf .html .json
 * }</pre>
 */
public final class Digraph {
  private final Graph graph;
  private final RenderOptions options;
  private final Scene scene;
  /** The diff this digraph draws the union of, or null for a captured graph. */
  private final @Nullable GraphDiff diff;

  /**
   * Wraps a graph with rendering options.
   *
   * @param graph the graph
   * @param options how pictures are drawn
   */
  public Digraph(Graph graph, RenderOptions options) {
    this.graph = Checks.notNull(graph, "graph");
    this.options = Checks.notNull(options, "render options");
    this.scene = Scene.of(graph, options);
    this.diff = null;
  }

  private Digraph(GraphDiff diff, RenderOptions options) {
    this.options = Checks.notNull(options, "render options");
    this.scene = Scene.of(Checks.notNull(diff, "graph diff"), options);
    this.graph = scene.graph();
    this.diff = diff;
  }

  /**
   * The union of two graphs, marked by what changed ({@link io.github.torchviz4j.drawing.Drawing#of(
   * GraphDiff, io.github.torchviz4j.drawing.DrawingOptions)}): pictures (SVG, PNG, PDF) and the viewer
   * show added nodes with a green border, removed ones red dashed, changed ones orange with
   * {@code old → new}, the same ones faded; JSON gives each node and edge its {@code "diff"}; DOT text
   * gives the marks as Graphviz colours, pen widths and dashes.
   *
   * <pre>{@code
   * Digraph.of(GraphDiff.of(before, after), RenderOptions.defaults()).save(Path.of("diff.svg"));
   * }</pre>
   *
   * @param diff the difference of two graphs
   * @param options how pictures are drawn; depth and folding are not applied to a diff
   * @return the digraph
   */
  public static Digraph of(GraphDiff diff, RenderOptions options) {
    return new Digraph(diff, options);
  }

  /**
   * Wraps a graph with the default rendering options.
   *
   * @param graph the graph
   * @return the digraph
   */
  public static Digraph of(Graph graph) {
    return new Digraph(graph, RenderOptions.defaults());
  }

  /** @return the captured graph, or a diff's union graph */
  public Graph graph() {
    return graph;
  }

  /** @return how pictures are drawn */
  public RenderOptions options() {
    return options;
  }

  /**
   * A copy that draws with other options.
   *
   * @param newOptions the options
   * @return the copy
   */
  public Digraph withOptions(RenderOptions newOptions) {
    return diff != null ? new Digraph(diff, newOptions) : new Digraph(graph, newOptions);
  }

  /** @return the DOT text, identical to torchviz's {@code make_dot(...).source} but for node ids */
  public String source() {
    return new DotWriter().source(scene.drawing(Format.DOT));
  }

  /**
   * Writes the graph to a file in the format its extension names. The file is written completely
   * or not at all: a failed render leaves an existing file untouched.
   *
   * @param path ending in {@code .gv}, {@code .dot}, {@code .svg}, {@code .png}, {@code .pdf},
   *     {@code .html} (interactive viewer) or {@code .json}
   * @return {@code path}
   * @throws Torchviz4jException if the extension is unknown or the directory is missing or read-only
   * @throws IOException if writing fails
   */
  public Path save(Path path) throws IOException {
    return save(path, Format.fromPath(Checks.notNull(path, "output path")));
  }

  /**
   * Writes the graph to a file in the given format, whatever its extension.
   *
   * @param path the file
   * @param format the format
   * @return {@code path}
   * @throws Torchviz4jException if the directory is missing or read-only
   * @throws IOException if writing fails
   */
  public Path save(Path path, Format format) throws IOException {
    Checks.notNull(format, "format");
    OutputFiles.write(Checks.notNull(path, "output path"), out -> render(format, out));
    return path;
  }

  /**
   * Writes the graph to a stream.
   *
   * @param format the format
   * @param out the stream; not closed
   * @throws IOException if writing fails
   */
  public void render(Format format, OutputStream out) throws IOException {
    writer(format, options.engine()).write(scene, out);
  }

  /**
   * The writer of a format: here, above the writers' packages, so that {@code render} (where
   * {@link Format} lives) never depends on its writers.
   *
   * @param format the format
   * @param engine what draws pictures; ignored for DOT and JSON, which draw nothing, and for HTML,
   *     whose viewer needs the embedded layout's coordinates
   * @return a new writer
   */
  static GraphWriter writer(Format format, Engine engine) {
    switch (format) {
      case DOT:
        return new DotWriter();
      case JSON:
        return new JsonWriter();
      case HTML:
        return new HtmlWriter();
      default:
        break;
    }
    if (engine == Engine.GRAPHVIZ) {
      return new GraphvizWriter(format);
    }
    return switch (format) {
      case SVG -> new SvgWriter();
      case PNG -> new PngWriter();
      case PDF -> new PdfWriter();
      case DOT, HTML, JSON -> throw new AssertionError("handled above");
    };
  }

  /**
   * The DOT text, as Python's {@code print(dot)} prints a torchviz graph: the same as {@link
   * #source()}.
   *
   * @return the DOT text
   */
  @Override
  public String toString() {
    return source();
  }
}
