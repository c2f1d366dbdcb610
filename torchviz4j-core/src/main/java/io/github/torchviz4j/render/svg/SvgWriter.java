package io.github.torchviz4j.render.svg;

import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.internal.HexColor;
import io.github.torchviz4j.internal.Hundredths;
import io.github.torchviz4j.layout.BundledFont;
import io.github.torchviz4j.layout.ClusterLayout;
import io.github.torchviz4j.layout.EdgeLabel;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.TextLine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.Scene;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Draws a graph as SVG with the embedded ELK layout; needs nothing installed. Stateless and
 * thread-safe; the output is deterministic (UTF-8, {@code \n}, graph order).
 *
 * <p>Structure, for tools and tests: a white background {@code rect}, then one
 * {@code <g class="edge" data-tail data-head data-kind>} per edge (a {@code path}, and a
 * {@code polygon} arrowhead unless the edge is a saved-tensor edge; view edges dotted), then one
 * {@code <g class="node" data-id data-role>} per node (a {@code rect} filled with the role's
 * colour and one {@code text} per label line). In the drawing of a diff each node and edge group
 * also has {@code data-diff} ({@code same}, {@code added}, {@code removed}, {@code changed}) and is
 * stroked as its {@link io.github.torchviz4j.drawing.Mark} says. Units are points.
 *
 * <pre>{@code
 * new SvgWriter().write(graph, RenderOptions.defaults(), out);
 * }</pre>
 */
public final class SvgWriter implements GraphWriter {

  /** Creates the writer. */
  public SvgWriter() {
    // stateless
  }

  @Override
  public Format format() {
    return Format.SVG;
  }

  @Override
  public void write(Scene scene, OutputStream out) throws IOException {
    Checks.notNull(scene, "scene");
    Checks.notNull(out, "output stream");
    out.write(svg(scene.layout(Format.SVG)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The SVG text of a layout.
   *
   * @param layout a computed layout
   * @return the SVG document, lines ending in {@code \n}
   */
  public String svg(Layout layout) {
    StringBuilder svg = new StringBuilder(512 + 400 * (layout.nodes().size() + layout.edges().size()));
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    Hundredths.append(layout.width(), svg);
    svg.append("pt\" height=\"");
    Hundredths.append(layout.height(), svg);
    svg.append("pt\" viewBox=\"0 0 ");
    Hundredths.append(layout.width(), svg);
    svg.append(' ');
    Hundredths.append(layout.height(), svg);
    svg.append("\">\n");
    svg.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"");
    Hundredths.append(layout.width(), svg);
    svg.append("\" height=\"");
    Hundredths.append(layout.height(), svg);
    svg.append("\" fill=\"white\"/>\n");
    svg.append("<g class=\"graph\" font-family=\"").append(BundledFont.SVG_FONT_FAMILY)
        .append("\" font-size=\"");
    Hundredths.append(layout.fontSize(), svg);
    svg.append("\">\n");
    for (ClusterLayout cluster : layout.clusters()) {
      appendCluster(cluster, svg);
    }
    // Edges first: boxes are painted over edge ends, as a reader expects of arrows meeting boxes.
    for (EdgeLayout edge : layout.edges()) {
      appendEdge(edge, svg);
    }
    int index = 1;
    for (NodeLayout node : layout.nodes()) {
      appendNode(node, index++, svg);
    }
    appendEdgeLabels(layout, svg);
    svg.append("</g>\n</svg>\n");
    return svg.toString();
  }

  private static void appendCluster(ClusterLayout cluster, StringBuilder svg) {
    svg.append("<g class=\"cluster\" data-path=\"");
    Xml.escape(cluster.path(), svg);
    svg.append("\">\n<rect fill=\"none\" stroke=\"gray\" stroke-dasharray=\"5,2\" x=\"");
    Hundredths.append(cluster.box().x(), svg);
    svg.append("\" y=\"");
    Hundredths.append(cluster.box().y(), svg);
    svg.append("\" width=\"");
    Hundredths.append(cluster.box().width(), svg);
    svg.append("\" height=\"");
    Hundredths.append(cluster.box().height(), svg);
    svg.append("\"/>\n<text xml:space=\"preserve\" fill=\"dimgray\" x=\"");
    Hundredths.append(cluster.box().x() + ClusterLayout.PADDING, svg);
    svg.append("\" y=\"");
    Hundredths.append(cluster.labelBaseline(), svg);
    svg.append("\">");
    Xml.escape(cluster.label(), svg);
    svg.append("</text>\n</g>\n");
  }

  private static void appendEdge(EdgeLayout edge, StringBuilder svg) {
    svg.append("<g class=\"edge\" data-tail=\"");
    Xml.escape(edge.edge().tail(), svg);
    svg.append("\" data-head=\"");
    Xml.escape(edge.edge().head(), svg);
    svg.append("\" data-kind=\"").append(edge.edge().kind().name().toLowerCase(Locale.ROOT)).append('"');
    appendDiff(edge.mark(), svg);
    svg.append(">\n");
    svg.append("<title>");
    Xml.escape(edge.edge().tail() + "->" + edge.edge().head(), svg);
    svg.append("</title>\n<path fill=\"none\"");
    appendEdgeStroke(edge, svg);
    svg.append(" d=\"");
    List<Point> path = edge.path();
    for (int i = 0; i < path.size(); i++) {
      svg.append(i == 0 ? 'M' : 'L');
      appendPoint(path.get(i), svg);
    }
    svg.append("\"/>\n");
    if (!edge.arrowhead().isEmpty()) {
      String colour = edge.mark().isMarked() ? HexColor.of(edge.mark().edgeRgb()) : "black";
      svg.append("<polygon fill=\"").append(colour).append("\" stroke=\"").append(colour).append("\" points=\"");
      for (int i = 0; i < edge.arrowhead().size(); i++) {
        if (i > 0) {
          svg.append(' ');
        }
        appendPoint(edge.arrowhead().get(i), svg);
      }
      svg.append("\"/>\n");
    }
    svg.append("</g>\n");
  }

  private static void appendNode(NodeLayout node, int index, StringBuilder svg) {
    svg.append("<g class=\"node\" id=\"node").append(index).append("\" data-id=\"");
    Xml.escape(node.node().id(), svg);
    svg.append("\" data-role=\"").append(node.role().name().toLowerCase(Locale.ROOT)).append('"');
    appendDiff(node.mark(), svg);
    svg.append(">\n");
    svg.append("<title>");
    Xml.escape(node.node().id(), svg);
    svg.append("</title>\n<rect x=\"");
    Hundredths.append(node.box().x(), svg);
    svg.append("\" y=\"");
    Hundredths.append(node.box().y(), svg);
    svg.append("\" width=\"");
    Hundredths.append(node.box().width(), svg);
    svg.append("\" height=\"");
    Hundredths.append(node.box().height(), svg);
    svg.append("\" fill=\"").append(HexColor.of(node.fill())).append('"');
    appendBorder(node.mark(), svg);
    svg.append("/>\n");
    for (TextLine line : node.lines()) {
      // xml:space keeps the leading space of " (1, 2)", which Graphviz also draws.
      svg.append("<text xml:space=\"preserve\" text-anchor=\"middle\"");
      if (node.mark().textRgb() != 0) {
        svg.append(" fill=\"").append(HexColor.of(node.mark().textRgb())).append('"');
      }
      svg.append(" x=\"");
      Hundredths.append(line.centerX(), svg);
      svg.append("\" y=\"");
      Hundredths.append(line.baseline(), svg);
      svg.append("\">");
      Xml.escape(line.text(), svg);
      svg.append("</text>\n");
    }
    svg.append("</g>\n");
  }

  /** Edge labels (a backward pass's gradients) on white, last so that no edge crosses them. */
  private static void appendEdgeLabels(Layout layout, StringBuilder svg) {
    String color = HexColor.of(EdgeLabel.COLOR);
    for (EdgeLabel label : layout.edgeLabels()) {
      EdgeLayout edge = layout.edges().get(label.edge());
      svg.append("<g class=\"edge-label\" data-tail=\"");
      Xml.escape(edge.edge().tail(), svg);
      svg.append("\" data-head=\"");
      Xml.escape(edge.edge().head(), svg);
      svg.append("\">\n<rect fill=\"white\" x=\"");
      Hundredths.append(label.box().x(), svg);
      svg.append("\" y=\"");
      Hundredths.append(label.box().y(), svg);
      svg.append("\" width=\"");
      Hundredths.append(label.box().width(), svg);
      svg.append("\" height=\"");
      Hundredths.append(label.box().height(), svg);
      svg.append("\"/>\n<text xml:space=\"preserve\" text-anchor=\"middle\" fill=\"").append(color).append("\" x=\"");
      Hundredths.append(label.line().centerX(), svg);
      svg.append("\" y=\"");
      Hundredths.append(label.line().baseline(), svg);
      svg.append("\">");
      Xml.escape(label.line().text(), svg);
      svg.append("</text>\n</g>\n");
    }
  }

  /** A diff's mark as {@code data-diff}: same, added, removed or changed; nothing when unmarked. */
  private static void appendDiff(Mark mark, StringBuilder svg) {
    if (mark.isMarked()) {
      svg.append(" data-diff=\"").append(mark.label()).append('"');
    }
  }

  /** A node's border: black, or its mark's colour, width and dash. */
  private static void appendBorder(Mark mark, StringBuilder svg) {
    svg.append(" stroke=\"").append(mark.isMarked() ? HexColor.of(mark.borderRgb()) : "black").append('"');
    if (mark.borderWidth() != 1) {
      svg.append(" stroke-width=\"");
      Hundredths.append(mark.borderWidth(), svg);
      svg.append('"');
    }
    if (mark.dashed()) {
      appendDash(svg);
    }
  }

  /** An edge's stroke: black (view edges dotted), or its mark's colour, width and dash. */
  private static void appendEdgeStroke(EdgeLayout edge, StringBuilder svg) {
    Mark mark = edge.mark();
    svg.append(" stroke=\"").append(mark.isMarked() ? HexColor.of(mark.edgeRgb()) : "black").append('"');
    if (mark.edgeWidth() != 1) {
      svg.append(" stroke-width=\"");
      Hundredths.append(mark.edgeWidth(), svg);
      svg.append('"');
    }
    if (edge.dotted()) {
      svg.append(" stroke-dasharray=\"1,5\"");
    } else if (mark.dashed()) {
      appendDash(svg);
    }
  }

  private static void appendDash(StringBuilder svg) {
    svg.append(" stroke-dasharray=\"");
    Hundredths.append(Mark.DASH_ON, svg);
    svg.append(',');
    Hundredths.append(Mark.DASH_OFF, svg);
    svg.append('"');
  }

  private static void appendPoint(Point point, StringBuilder svg) {
    Hundredths.append(point.x(), svg);
    svg.append(',');
    Hundredths.append(point.y(), svg);
  }
}
