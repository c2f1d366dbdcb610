package io.github.torchviz4j.render.dot;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Statement;
import io.github.torchviz4j.graph.Statement.EdgeStatement;
import io.github.torchviz4j.graph.Statement.NodeStatement;
import io.github.torchviz4j.graph.TorchvizStatements;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  @Override
  public Format format() {
    return Format.DOT;
  }

  @Override
  public void write(Graph graph, RenderOptions options, OutputStream out) throws IOException {
    out.write(source(options.prepare(graph), options.maxAttrChars()).getBytes(StandardCharsets.UTF_8));
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
    List<Statement> statements = TorchvizStatements.of(graph, maxAttrChars).statements();
    StringBuilder body = new StringBuilder(statements.size() * 40);
    for (Statement statement : statements) {
      body.append('\t');
      if (statement instanceof NodeStatement node) {
        appendNode(body, node);
      } else if (statement instanceof EdgeStatement edge) {
        appendEdge(body, edge);
      }
      body.append('\n');
    }
    String size = graphSize(statements.size());
    return "digraph {\n"
        + "\tgraph [size=\"" + size + "," + size + "\"]\n"
        + "\tnode [" + NODE_ATTRIBUTES + "]\n"
        + body
        + "}\n";
  }

  private static void appendNode(StringBuilder out, NodeStatement node) {
    out.append(quote(node.node().id())).append(" [label=").append(quote(node.label()));
    node.role().dotFillColor().ifPresent(color -> out.append(" fillcolor=").append(color));
    out.append(']');
  }

  private static void appendEdge(StringBuilder out, EdgeStatement statement) {
    out.append(quote(statement.edge().tail())).append(" -> ").append(quote(statement.edge().head()));
    switch (statement.edge().kind()) {
      case VIEW -> out.append(" [style=dotted]");
      case SAVED -> out.append(" [dir=none]");
      default -> { }
    }
  }

  /**
   * Quotes a DOT identifier as python-graphviz does, except that backslashes are escaped too and
   * {@code <...>} is never passed through as an HTML label: names are data, not markup.
   */
  static String quote(String identifier) {
    if (BARE_ID.matcher(identifier).matches() && !KEYWORDS.contains(identifier.toLowerCase())) {
      return identifier;
    }
    return '"' + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * torchviz's {@code resize_graph}: {@code max(12, 0.15 * statements)}, printed as Python prints
   * the result (the int {@code 12}, or the shortest float text that reads back the same double).
   */
  static String graphSize(int bodyStatements) {
    double contentSize = bodyStatements * 0.15;
    return contentSize > 12 ? pythonFloat(contentSize) : "12";
  }

  static String pythonFloat(double value) {
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
      }
    }
    throw new AssertionError("17 significant digits always read back a double: " + value);
  }
}
