package io.github.torchviz4j.render.dot;

import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.internal.HexColor;
import io.github.torchviz4j.layout.EdgeLabel;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.drawing.Statement.EdgeStatement;
import io.github.torchviz4j.drawing.Statement.NodeStatement;
import io.github.torchviz4j.drawing.Statement;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.internal.PythonRepr;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes the DOT text torchviz's {@code make_dot} produces (python-graphviz 0.21 formatting):
 * same statements, order, labels and attributes; only node ids differ. Stateless and thread-safe.
 *
 * <pre>{@code
 * String dot = new DotWriter().source(graph);
 * }</pre>
 */
public final class DotWriter implements GraphWriter {
  private static final String NODE_ATTRIBUTES =
      "align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled";
  private static final Pattern BARE_ID =
      Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*|-?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)");
  private static final List<String> KEYWORDS =
      List.of("node", "edge", "graph", "digraph", "subgraph", "strict");
  /** The longest run of characters written without a break: at most 8 KB of UTF-8. */
  static final int MAX_RUN = 2048;
  private static final char REPLACEMENT = '\uFFFD';

  @Override
  public Format format() {
    return Format.DOT;
  }

  @Override
  public void write(Scene scene, OutputStream out) throws IOException {
    out.write(source(scene.drawing(Format.DOT)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The flat DOT text of a drawing: torchviz's statements for what it shows.
   *
   * @param drawing the drawing
   * @return DOT text, lines ending in {@code \n}
   */
  public String source(Drawing drawing) {
    return source(drawing.statements(), drawing.graph(), false, edgeLabels(drawing));
  }

  /**
   * The DOT text of a graph, attribute values cut at torchviz's default 50 characters.
   *
   * @param graph the graph
   * @return DOT text, lines ending in {@code \n}
   */
  public String source(Graph graph) {
    return source(graph, TorchvizStatements.DEFAULT_MAX_ATTR_CHARS);
  }

  /**
   * The DOT text of a graph.
   *
   * @param graph the graph
   * @param maxAttrChars attribute values longer than this are cut with {@code ...}
   * @return DOT text, lines ending in {@code \n}
   */
  public String source(Graph graph, int maxAttrChars) {
    return source(graph, maxAttrChars, false);
  }

  /**
   * The DOT text of a graph with its modules as clusters: torchviz's statements, then one dashed
   * {@code subgraph cluster_<path>} per module level, nested, titled with path, class and
   * parameter count. Graphviz then draws the module view the embedded renderer draws with
   * {@link RenderOptions#clusters()}; {@link #write} keeps to torchviz's flat text.
   *
   * <pre>{@code
   * String dot = new DotWriter().sourceWithClusters(graph, 50);
   * }</pre>
   *
   * @param graph the graph, module paths on its nodes
   * @param maxAttrChars attribute values longer than this are cut with {@code ...}
   * @return DOT text, lines ending in {@code \n}
   */
  public String sourceWithClusters(Graph graph, int maxAttrChars) {
    return source(graph, maxAttrChars, true);
  }

  /**
   * The DOT text of a drawing with its modules as clusters, as {@link #sourceWithClusters(Graph,
   * int)} writes it.
   *
   * @param drawing a drawing that keeps module paths
   * @return DOT text, lines ending in {@code \n}
   */
  public String sourceWithClusters(Drawing drawing) {
    return source(drawing.statements(), drawing.graph(), true, edgeLabels(drawing));
  }

  private static String source(Graph graph, int maxAttrChars, boolean clusters) {
    return source(TorchvizStatements.of(graph, maxAttrChars), graph, clusters, Map.of());
  }

  /** The drawing's edge labels (a backward pass's gradients) by edge object, for Graphviz to place. */
  private static Map<Edge, String> edgeLabels(Drawing drawing) {
    Map<Edge, String> labels = new IdentityHashMap<>();
    for (int i = 0; i < drawing.edgeLabels().size(); i++) {
      if (!drawing.edgeLabels().get(i).isEmpty()) {
        labels.put(drawing.edges().get(i), drawing.edgeLabels().get(i));
      }
    }
    return labels;
  }

  private static String source(TorchvizStatements drawing, Graph graph, boolean clusters, Map<Edge, String> labels) {
    List<Statement> statements = drawing.statements();
    StringBuilder body = new StringBuilder(statements.size() * 40);
    Map<Edge, Mark> edgeMarks = edgeMarks(drawing);
    for (Statement statement : statements) {
      body.append('\t');
      if (statement instanceof NodeStatement node) {
        appendNode(body, node, drawing);
      } else if (statement instanceof EdgeStatement edge) {
        appendEdge(body, edge, edgeMarks.getOrDefault(edge.edge(), Mark.NONE));
        appendEdgeLabel(body, labels.get(edge.edge()));
      }
      body.append('\n');
    }
    if (clusters) {
      DotClusters.append(graph, body);
    }
    String size = graphSize(statements.size());
    return "digraph {\n"
        + "\tgraph [size=\"" + size + "," + size + "\"]\n"
        + "\tnode [" + NODE_ATTRIBUTES + "]\n"
        + body
        + "}\n";
  }

  private static void appendNode(StringBuilder out, NodeStatement node, TorchvizStatements drawing) {
    out.append(quote(node.node().id())).append(" [label=").append(quoteLabel(node.label()));
    Mark mark = drawing.mark(node.node().id());
    // Graphviz fills with the border colour when a node has a color and no fillcolor.
    drawing.dotFill(node).or(() -> mark.isMarked() ? Optional.of("lightgrey") : Optional.empty())
        .ifPresent(color -> out.append(" fillcolor=").append(quote(color)));
    appendNodeMark(out, mark);
    out.append(']');
  }

  private static void appendEdge(StringBuilder out, EdgeStatement statement, Mark mark) {
    out.append(quote(statement.edge().tail())).append(" -> ").append(quote(statement.edge().head()));
    String kind = switch (statement.edge().kind()) {
      case VIEW -> "style=dotted";
      case SAVED -> "dir=none";
      default -> "";
    };
    String marked = edgeMark(mark, statement.edge().kind() == EdgeKind.VIEW);
    String attributes = (kind + " " + marked).trim();
    if (!attributes.isEmpty()) {
      out.append(" [").append(attributes).append(']');
    }
  }

  private static void appendEdgeLabel(StringBuilder out, @Nullable String label) {
    if (label != null) {
      out.append(" [label=").append(quote(label)).append(" fontcolor=")
          .append(quote(HexColor.of(EdgeLabel.COLOR))).append(" fontname=monospace fontsize=10]");
    }
  }

  /** A diff drawing's node mark: border colour, width and dash, label colour; nothing when unmarked. */
  private static void appendNodeMark(StringBuilder out, Mark mark) {
    if (!mark.isMarked()) {
      return;
    }
    out.append(" color=").append(quote(HexColor.of(mark.borderRgb())));
    if (mark.borderWidth() != 1) {
      out.append(" penwidth=").append(PythonRepr.ofDouble(mark.borderWidth()));
    }
    if (mark.dashed()) {
      out.append(" style=\"filled,dashed\"");
    }
    if (mark.textRgb() != 0) {
      out.append(" fontcolor=").append(quote(HexColor.of(mark.textRgb())));
    }
  }

  /** A diff drawing's edge mark: colour, width and dash; empty when unmarked. */
  private static String edgeMark(Mark mark, boolean dotted) {
    if (!mark.isMarked()) {
      return "";
    }
    StringBuilder out = new StringBuilder("color=").append(quote(HexColor.of(mark.edgeRgb())));
    if (mark.edgeWidth() != 1) {
      out.append(" penwidth=").append(PythonRepr.ofDouble(mark.edgeWidth()));
    }
    if (mark.dashed() && !dotted) {
      out.append(" style=dashed");
    }
    return out.toString();
  }

  /** The marks of a diff drawing's edges, by edge (identity: repeated edges are equal records). */
  private static Map<Edge, Mark> edgeMarks(TorchvizStatements drawing) {
    if (drawing.marks().edges().isEmpty()) {
      return Map.of();
    }
    Map<Edge, Mark> marks = new IdentityHashMap<>();
    List<Edge> edges = drawing.graph().edges();
    for (int i = 0; i < edges.size(); i++) {
      marks.put(edges.get(i), drawing.marks().edge(i));
    }
    return marks;
  }

  /**
   * Quotes a DOT identifier as python-graphviz does, except that backslashes are escaped too and
   * {@code <...>} is never passed through as an HTML label: names are data, not markup. Graphviz
   * reads the result back as exactly the given text, with two exceptions for what DOT cannot
   * carry: NUL (Graphviz reads C strings) and unpaired surrogates (UTF-8 has no encoding for them)
   * become U+FFFD, as in SVG. A run of more than {@value #MAX_RUN} characters between escapes,
   * which Graphviz's scanner cannot read in one piece (its buffer holds 16 KB), is split with a
   * backslash-newline, DOT's line continuation, which Graphviz drops when reading; shorter text
   * comes out exactly as python-graphviz writes it.
   */
  static String quote(String identifier) {
    return quote(identifier, false);
  }

  /**
   * Quotes a label as {@link #quote(String)} quotes an identifier, but writes a newline that has an
   * escape or the string's quote right before and right after it (a name that is just a newline,
   * or a backslash, a newline and a backslash) as Graphviz's {@code \n} label escape: Graphviz
   * 2.43 silently drops such a raw newline, and draws {@code \n} as the same centred line break.
   * Every other newline stays raw, as torchviz writes it.
   */
  static String quoteLabel(String label) {
    return quote(label, true);
  }

  private static String quote(String identifier, boolean label) {
    if (identifier.length() <= MAX_RUN && BARE_ID.matcher(identifier).matches()
        && !KEYWORDS.contains(identifier.toLowerCase(Locale.ROOT))) {
      return identifier;
    }
    StringBuilder out = new StringBuilder(identifier.length() + 2).append('"');
    int run = 0;
    for (int i = 0; i < identifier.length(); ) {
      int codePoint = identifier.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '\\' || codePoint == '"') {
        out.append('\\').appendCodePoint(codePoint);
        run = 0;
        continue;
      }
      if (label && codePoint == '\n' && run == 0 && (i == identifier.length()
          || identifier.charAt(i) == '\\' || identifier.charAt(i) == '"')) {
        out.append("\\n");
        continue;
      }
      if (run == MAX_RUN) {
        out.append("\\\n");
        run = 0;
      }
      boolean carried = codePoint != 0 && Character.getType(codePoint) != Character.SURROGATE;
      out.appendCodePoint(carried ? codePoint : REPLACEMENT);
      run++;
    }
    return out.append('"').toString();
  }

  /**
   * torchviz's {@code resize_graph}: {@code max(12, 0.15 * statements)}, printed as Python prints
   * the result (the int {@code 12}, or the shortest float text that reads back the same double).
   */
  static String graphSize(int bodyStatements) {
    double contentSize = bodyStatements * 0.15;
    return contentSize > 12 ? PythonRepr.ofDouble(contentSize) : "12";
  }

}
