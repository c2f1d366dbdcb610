package io.github.torchviz4j.render.html;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.FoldGroup;
import io.github.torchviz4j.drawing.ModuleFold;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.ClusterLayout;
import io.github.torchviz4j.layout.EdgeLabel;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.TextMetrics;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import io.github.torchviz4j.render.json.Json;
import io.github.torchviz4j.render.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Writes a graph as an interactive viewer: one self-contained HTML file that opens offline in any
 * current browser, with no server, network or install. Stateless and thread-safe; the output is
 * deterministic (UTF-8, {@code \n}, no timestamps).
 *
 * <p>The file holds, inline: the viewer's style sheet and script (plain JavaScript, no libraries),
 * the graph as the {@link JsonWriter} document in {@code <script type="application/json"
 * id="tv-graph">}, and the embedded ELK layout in {@code <script type="application/json"
 * id="tv-layout">} (node boxes and first baselines as a flat array of five numbers per node, edge
 * paths and arrowheads as flat coordinate arrays, in graph order, module cluster boxes, in
 * points). A Content Security Policy allows only the page's own script and style, by hash, and no
 * network at all.
 *
 * <p>Options: the layout always puts nodes inside their modules' clusters (the viewer collapses
 * and expands them), so {@link RenderOptions#clusters()} is not consulted, and
 * {@link RenderOptions#depth()} sets which modules the viewer opens collapsed instead of removing
 * their insides from the file. The layout is ELK's whatever {@link RenderOptions#engine()} says.
 * {@link RenderOptions#fold()} likewise: the file holds the complete graph, laid out unfolded, and
 * the runs of identical siblings ({@link ModuleFold#groups}); the viewer opens with each run drawn
 * as its first module titled with the range and count, and unfolds and folds runs on request.
 * When the unfolded graph is too big to lay out ({@link RenderOptions#maxLayoutNodes}) the file
 * holds the folded drawing, as pictures show it, and the viewer cannot unfold it.
 *
 * <p>The viewer draws on a canvas, only what is in view, without text when it would be too small
 * to read, so a 20,000-node chain stays responsive. It offers pan and zoom (wheel, drag, keys,
 * fit), search by label or module path, a details panel, upstream and downstream highlighting,
 * module clusters that collapse and expand when nodes carry module paths, a legend, and export of
 * the current view as SVG or PNG. When the drawing shows a replayed backward pass ({@link
 * RenderOptions#showBackward()}), the layout JSON also holds the edge labels ({@code edgeLabels}:
 * edge index, box and text) and the viewer draws them and offers a stepper through the pass, one
 * function at a time in the engine's order, with a line on each common function's local
 * derivative in English or Japanese.
 *
 * <p>Safety: labels, names and module paths are data. The JSON escapes {@code <}, {@code >},
 * {@code &}, U+2028 and U+2029, so no text can end the script element, and the viewer puts text
 * into the page only as text ({@code textContent}, canvas {@code fillText}, XML text nodes).
 *
 * <pre>{@code
 * Digraph.of(graph).save(Path.of("graph.html"));
 * }</pre>
 */
public final class HtmlWriter implements GraphWriter {
  private static final String RESOURCES = "/io/github/torchviz4j/render/html/";

  /** Creates the writer. */
  public HtmlWriter() {
    // stateless
  }

  @Override
  public Format format() {
    return Format.HTML;
  }

  @Override
  public void write(Scene scene, OutputStream out) throws IOException {
    Checks.notNull(scene, "scene");
    Checks.notNull(out, "output stream");
    // The viewer collapses modules itself: its drawing keeps every node inside its module's
    // cluster and says which depth to open collapsed (RenderOptions.drawing(Format.HTML)).
    Drawing drawing = scene.drawing(Format.HTML);
    if (drawing.options().fold()) {
      writeFoldable(scene, out);
      return;
    }
    Layout layout = scene.layout(Format.HTML);
    out.write(html(drawing.statements(), layout, drawing.options().collapsedDepth())
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A folded graph: the viewer folds itself, as it collapses. It gets the complete graph laid out
   * unfolded and the fold groups, and hides the copies of each folded group, shrinking the empty
   * height they leave. Why one unfolded layout rather than the folded and the unfolded one: each
   * group then unfolds on its own, in place, with every other group and every collapsed module as
   * it was; two layouts would give only "all folded" and "all unfolded", and the view would jump
   * between unrelated positions. What the folded state loses against the static picture is only
   * ELK's routing of the edges that leave the last copy (or enter a copy): the viewer draws those
   * from (into) the first module's node, as the static picture does, along their own route.
   */
  private void writeFoldable(Scene scene, OutputStream out) throws IOException {
    Scene unfolded = Scene.of(scene.graph(), scene.options().withFold(false));
    Drawing drawing = unfolded.drawing(Format.HTML);
    Layout layout;
    try {
      layout = unfolded.layout(Format.HTML);
    } catch (Torchviz4jException tooBig) {
      // Too big to lay out unfolded (or not layable at all, and the folded one says so): the
      // folded drawing, as the pictures show it.
      Drawing folded = scene.drawing(Format.HTML);
      out.write(html(folded.statements(), scene.layout(Format.HTML), folded.options().collapsedDepth())
          .getBytes(StandardCharsets.UTF_8));
      return;
    }
    out.write(html(drawing.statements(), layout, drawing.options().collapsedDepth(),
        ModuleFold.groups(drawing.source())).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The HTML text of a laid-out graph, every module expanded.
   *
   * @param drawing the graph's statements, which give roles and labels
   * @param layout the layout of the same graph, from {@link ElkLayoutEngine}
   * @return the HTML document, lines ending in {@code \n}
   * @throws Torchviz4jException if the layout is not one of this graph
   */
  public String html(TorchvizStatements drawing, Layout layout) {
    return html(drawing, layout, 0);
  }

  /**
   * The HTML text of a laid-out graph.
   *
   * @param drawing the graph's statements, which give roles and labels
   * @param layout the layout of the same graph, from {@link ElkLayoutEngine}
   * @param collapsedDepth the viewer opens with the modules at this depth collapsed (see
   *     {@link io.github.torchviz4j.graph.ModuleLevels}); 0 opens every module expanded
   * @return the HTML document, lines ending in {@code \n}
   * @throws Torchviz4jException if the layout is not one of this graph or the depth is negative
   */
  public String html(TorchvizStatements drawing, Layout layout, int collapsedDepth) {
    return html(drawing, layout, collapsedDepth, List.of());
  }

  /**
   * The HTML text of a laid-out graph whose viewer folds repeated blocks.
   *
   * @param drawing the graph's statements, which give roles and labels: the complete graph
   * @param layout the layout of the same graph, from {@link ElkLayoutEngine}
   * @param collapsedDepth the viewer opens with the modules at this depth collapsed; 0 opens every
   *     module expanded
   * @param folds the runs of identical siblings of the graph ({@link ModuleFold#groups}), which the
   *     viewer opens folded; empty for none
   * @return the HTML document, lines ending in {@code \n}
   * @throws Torchviz4jException if the layout is not one of this graph or the depth is negative
   */
  public String html(TorchvizStatements drawing, Layout layout, int collapsedDepth, List<FoldGroup> folds) {
    Checks.notNull(drawing, "drawing");
    Checks.notNull(layout, "layout");
    Checks.check(collapsedDepth >= 0, "collapsed depth " + collapsedDepth + " is negative; give 0 or more");
    Graph graph = drawing.graph();
    Checks.check(layout.nodes().size() == graph.nodes().size() && layout.edges().size() == graph.edges().size(),
        "the layout has " + layout.nodes().size() + " nodes and " + layout.edges().size()
            + " edges but the graph " + graph.nodes().size() + " and " + graph.edges().size()
            + "; lay out the same graph you write");
    String graphJson = new JsonWriter().json(drawing, folds);
    String layoutJson = withEdgeLabels(layoutJson(layout, collapsedDepth), layout);
    Template template = Template.INSTANCE;
    StringBuilder html = new StringBuilder(template.size() + graphJson.length() + layoutJson.length());
    String[] parts = template.parts;
    html.append(parts[0]).append(template.scriptHash)
        .append(parts[1]).append(template.styleHash)
        .append(parts[2]).append(template.style)
        .append(parts[3]).append(graphJson, 0, graphJson.length() - 1) // without its final newline
        .append(parts[4]).append(layoutJson)
        .append(parts[5]).append(template.script)
        .append(parts[6]);
    return html.toString();
  }

  /** The layout as compact JSON: numbers, and module paths escaped by {@link Json}. */
  static String layoutJson(Layout layout, int collapsedDepth) {
    TextMetrics metrics = TextMetrics.of(layout.fontSize());
    StringBuilder json = new StringBuilder(64 + 40 * layout.nodes().size() + 90 * layout.edges().size());
    json.append("{\"width\":");
    Json.hundredths(layout.width(), json);
    json.append(",\"height\":");
    Json.hundredths(layout.height(), json);
    json.append(",\"fontSize\":");
    Json.hundredths(layout.fontSize(), json);
    json.append(",\"lineHeight\":").append(metrics.lineHeight());
    json.append(",\"collapsedDepth\":").append(collapsedDepth);
    json.append(",\n\"clusters\":[");
    String clusterSeparator = "";
    for (ClusterLayout cluster : layout.clusters()) {
      json.append(clusterSeparator);
      clusterSeparator = ",\n";
      json.append("{\"path\":");
      Json.string(cluster.path(), json);
      json.append(",\"box\":[");
      Json.hundredths(cluster.box().x(), json);
      json.append(',');
      Json.hundredths(cluster.box().y(), json);
      json.append(',');
      Json.hundredths(cluster.box().width(), json);
      json.append(',');
      Json.hundredths(cluster.box().height(), json);
      json.append("]}");
    }
    json.append(']');
    json.append(",\n\"boxes\":[");
    String separator = "";
    for (NodeLayout node : layout.nodes()) {
      json.append(separator);
      separator = ",\n";
      Json.hundredths(node.box().x(), json);
      json.append(',');
      Json.hundredths(node.box().y(), json);
      json.append(',');
      Json.hundredths(node.box().width(), json);
      json.append(',');
      Json.hundredths(node.box().height(), json);
      json.append(',');
      double firstBaseline = node.lines().isEmpty()
          ? node.box().centerY() : node.lines().get(0).baseline();
      Json.hundredths(firstBaseline, json);
    }
    json.append("],\n\"paths\":[");
    separator = "";
    for (EdgeLayout edge : layout.edges()) {
      json.append(separator);
      separator = ",\n";
      appendPoints(edge.path(), json);
    }
    json.append("],\n\"arrows\":[");
    separator = "";
    for (EdgeLayout edge : layout.edges()) {
      json.append(separator);
      separator = ",";
      appendPoints(edge.arrowhead(), json);
    }
    json.append("]}");
    return json.toString();
  }

  /**
   * The layout JSON with the edge labels ({@code "edgeLabels": [[edge, x, y, w, h, text], ...]},
   * a backward pass's gradients), when the layout has any.
   */
  private static String withEdgeLabels(String layoutJson, Layout layout) {
    if (layout.edgeLabels().isEmpty()) {
      return layoutJson;
    }
    StringBuilder json = new StringBuilder(layoutJson.length() + 40 * layout.edgeLabels().size());
    json.append(layoutJson, 0, layoutJson.lastIndexOf('}')).append(",\n\"edgeLabels\":[");
    String separator = "";
    for (EdgeLabel label : layout.edgeLabels()) {
      json.append(separator).append('[').append(label.edge()).append(',');
      separator = ",";
      Json.hundredths(label.box().x(), json);
      json.append(',');
      Json.hundredths(label.box().y(), json);
      json.append(',');
      Json.hundredths(label.box().width(), json);
      json.append(',');
      Json.hundredths(label.box().height(), json);
      json.append(',');
      Json.string(label.line().text(), json);
      json.append(']');
    }
    return json.append("]}").toString();
  }

  private static void appendPoints(List<Point> points, StringBuilder json) {
    json.append('[');
    for (int i = 0; i < points.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      Json.hundredths(points.get(i).x(), json);
      json.append(',');
      Json.hundredths(points.get(i).y(), json);
    }
    json.append(']');
  }

  /** The page skeleton, style and script, read once from the classpath. */
  private static final class Template {
    private static final String[] MARKERS = {
      "@SCRIPT_HASH@", "@STYLE_HASH@", "@STYLE@", "@GRAPH@", "@LAYOUT@", "@SCRIPT@"};
    static final Template INSTANCE = new Template();

    final String[] parts;
    final String style;
    final String script;
    final String styleHash;
    final String scriptHash;

    private Template() {
      String page = read("viewer.html");
      style = read("viewer.css");
      script = read("viewer.js");
      for (String code : List.of(style, script)) {
        String lower = code.toLowerCase(java.util.Locale.ROOT);
        Checks.check(!lower.contains("</script") && !lower.contains("</style") && !lower.contains("<!--"),
            "the viewer's bundled code contains a closing tag or comment opener; the torchviz4j-core jar is damaged");
      }
      parts = new String[MARKERS.length + 1];
      int from = 0;
      for (int i = 0; i < MARKERS.length; i++) {
        int at = page.indexOf(MARKERS[i], from);
        Checks.check(at >= 0, "the viewer template lacks " + MARKERS[i] + "; the torchviz4j-core jar is damaged");
        parts[i] = page.substring(from, at);
        from = at + MARKERS[i].length();
      }
      parts[MARKERS.length] = page.substring(from);
      styleHash = sha256(style);
      scriptHash = sha256(script);
    }

    int size() {
      int size = style.length() + script.length() + 200;
      for (String part : parts) {
        size += part.length();
      }
      return size;
    }

    private static String read(String name) {
      try (InputStream in = HtmlWriter.class.getResourceAsStream(RESOURCES + name)) {
        if (in == null) {
          throw new Torchviz4jException("the viewer resource " + RESOURCES + name + " is not on the classpath;"
              + " if you repackaged torchviz4j-core (e.g. a shaded jar), keep its resources");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
      } catch (IOException e) {
        throw new Torchviz4jException("cannot read the viewer resource " + RESOURCES + name
            + "; the torchviz4j-core jar looks damaged, download it again", e);
      }
    }

    /** A Content Security Policy source for inline code: {@code sha256-<base64>}. */
    private static String sha256(String code) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        return "sha256-" + Base64.getEncoder().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }
}
