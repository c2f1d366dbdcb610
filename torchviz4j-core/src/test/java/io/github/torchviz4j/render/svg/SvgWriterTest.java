package io.github.torchviz4j.render.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.layout.TextMetrics;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgWriterTest {
  /** Coordinates are written with two decimals. */
  private static final double TOLERANCE = 0.01;

  static Stream<Arguments> graphs() {
    return Stream.of(
        Arguments.of("seed", SampleGraphs.seed()),
        Arguments.of("special", SampleGraphs.special()),
        Arguments.of("mlp", SampleGraphs.mlp(4)),
        Arguments.of("chain", SampleGraphs.chain(2_000)));
  }

  static byte[] render(Graph graph) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SvgWriter().write(graph, RenderOptions.defaults(), out);
    return out.toByteArray();
  }

  static Document parse(byte[] svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
  }

  private static List<Element> groups(Document document, String cssClass) {
    List<Element> found = new ArrayList<>();
    NodeList all = document.getElementsByTagName("g");
    for (int i = 0; i < all.getLength(); i++) {
      Element g = (Element) all.item(i);
      if (g.getAttribute("class").equals(cssClass)) {
        found.add(g);
      }
    }
    return found;
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    NodeList all = parent.getElementsByTagName(tag);
    for (int i = 0; i < all.getLength(); i++) {
      found.add((Element) all.item(i));
    }
    return found;
  }

  private static double number(Element element, String attribute) {
    return Double.parseDouble(element.getAttribute(attribute));
  }

  private static Box box(Element nodeGroup) {
    Element rect = children(nodeGroup, "rect").get(0);
    return new Box(number(rect, "x"), number(rect, "y"), number(rect, "width"), number(rect, "height"));
  }

  private static List<Point> points(String text) {
    List<Point> points = new ArrayList<>();
    for (String pair : text.trim().split("[ ML]+")) {
      if (!pair.isEmpty()) {
        String[] xy = pair.split(",");
        points.add(new Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
      }
    }
    return points;
  }

  private static Map<String, Box> boxes(Document document) {
    Map<String, Box> boxes = new HashMap<>();
    for (Element g : groups(document, "node")) {
      boxes.put(g.getAttribute("data-id"), box(g));
    }
    return boxes;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void everyNodeIsOneBoxWithItsColourAndLabelLines(String name, Graph graph) throws Exception {
    Document document = parse(render(graph));
    TorchvizStatements statements = TorchvizStatements.of(graph);
    List<Element> nodes = groups(document, "node");
    assertThat(nodes).extracting(g -> g.getAttribute("data-id"))
        .containsExactlyElementsOf(graph.nodes().stream().map(Node::id).toList());
    for (Element g : nodes) {
      String id = g.getAttribute("data-id");
      List<Element> rects = children(g, "rect");
      assertThat(rects).hasSize(1);
      assertThat(rects.get(0).getAttribute("fill"))
          .isEqualTo(String.format(Locale.ROOT, "#%06x", statements.role(id).rgb()));
      assertThat(rects.get(0).getAttribute("stroke")).isEqualTo("black");
      assertThat(children(g, "text")).extracting(Element::getTextContent)
          .containsExactly(statements.label(id).split("\n", -1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void noTwoBoxesOverlapAndTextFitsItsBox(String name, Graph graph) throws Exception {
    Document document = parse(render(graph));
    TextMetrics metrics = TextMetrics.defaults();
    List<Box> sorted = new ArrayList<>(boxes(document).values());
    sorted.sort(Comparator.comparingDouble(Box::y));
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size() && sorted.get(j).y() < sorted.get(i).maxY(); j++) {
        assertThat(sorted.get(i).overlaps(sorted.get(j))).as("%s vs %s", sorted.get(i), sorted.get(j)).isFalse();
      }
    }
    for (Element g : groups(document, "node")) {
      Box box = box(g);
      for (Element text : children(g, "text")) {
        assertThat(text.getAttribute("text-anchor")).isEqualTo("middle");
        double width = metrics.width(text.getTextContent());
        double x = number(text, "x");
        double baseline = number(text, "y");
        assertThat(x - width / 2).as("left of %s", text.getTextContent()).isGreaterThanOrEqualTo(box.x());
        assertThat(x + width / 2).as("right of %s", text.getTextContent()).isLessThanOrEqualTo(box.maxX());
        // Cap height (~7.3 pt) above the baseline, descenders (~2.4 pt) below, for 10 pt text.
        assertThat(baseline - 7.3).isGreaterThanOrEqualTo(box.y());
        assertThat(baseline + 2.4).isLessThanOrEqualTo(box.maxY());
      }
    }
  }

  /**
   * Every edge touches both of its boxes and runs downwards: autograd graphs are acyclic, so no
   * edge has to go against the flow (only cycle-breaking in a cyclic graph would make one).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void edgesRunFromTailBorderDownToHeadBorder(String name, Graph graph) throws Exception {
    Document document = parse(render(graph));
    Map<String, Box> boxes = boxes(document);
    List<Element> edges = groups(document, "edge");
    assertThat(edges).extracting(g -> g.getAttribute("data-tail") + "->" + g.getAttribute("data-head")
        + " " + EdgeKind.valueOf(g.getAttribute("data-kind").toUpperCase(Locale.ROOT)))
        .containsExactlyElementsOf(graph.edges().stream().map(e -> e.tail() + "->" + e.head() + " " + e.kind()).toList());
    for (Element g : edges) {
      Box tail = boxes.get(g.getAttribute("data-tail"));
      Box head = boxes.get(g.getAttribute("data-head"));
      List<Point> path = points(children(g, "path").get(0).getAttribute("d"));
      List<Element> arrow = children(g, "polygon");
      Point end = arrow.isEmpty() ? path.get(path.size() - 1) : points(arrow.get(0).getAttribute("points")).get(0);
      assertThat(tail.onBorder(path.get(0), TOLERANCE)).as("start %s on tail %s", path.get(0), tail).isTrue();
      assertThat(head.onBorder(end, TOLERANCE)).as("end %s on head %s", end, head).isTrue();
      assertThat(tail.maxY()).as("tail above head").isLessThanOrEqualTo(head.y());
      if (!arrow.isEmpty()) {
        assertThat(path.get(path.size() - 1).distanceTo(end)).as("arrow length").isCloseTo(10, within(2 * TOLERANCE));
      }
    }
  }

  @Test
  void edgesAreDrawnAsTorchvizDrawsTheirKinds() throws Exception {
    Document document = parse(render(SampleGraphs.special()));
    for (Element g : groups(document, "edge")) {
      EdgeKind kind = EdgeKind.valueOf(g.getAttribute("data-kind").toUpperCase(Locale.ROOT));
      Element path = children(g, "path").get(0);
      assertThat(children(g, "polygon")).as("arrowhead of %s", kind).hasSize(kind == EdgeKind.SAVED ? 0 : 1);
      assertThat(path.getAttribute("stroke-dasharray")).as("dashes of %s", kind)
          .isEqualTo(kind == EdgeKind.VIEW ? "1,5" : "");
    }
    assertThat(groups(document, "edge").stream().filter(g -> g.getAttribute("data-tail").equals("acc")
        && g.getAttribute("data-head").equals("mul"))).as("a*a draws two edges").hasSize(2);
  }

  @Test
  void userTextIsEscapedAndKeptExactly() throws Exception {
    byte[] svg = render(SampleGraphs.special());
    String text = new String(svg, StandardCharsets.UTF_8);
    assertThat(text).contains("w&lt;1&gt;&amp;&quot;é&quot;中");
    Element leaf = groups(parse(svg), "node").stream().filter(g -> g.getAttribute("data-id").equals("w"))
        .findFirst().orElseThrow();
    assertThat(children(leaf, "text")).extracting(Element::getTextContent)
        .containsExactly("w<1>&\"é\"中", "next", " (4, 6)");
  }

  @Test
  void idsWithMarkupAndControlCharactersStillParse() throws Exception {
    Graph graph = new Graph(
        List.of(Node.tensor("a\"<&>'\u0001\uD800", "x\ty\r", List.of(1L)), Node.function("f", "F")),
        List.of(new Edge("a\"<&>'\u0001\uD800", "f", EdgeKind.LEAF)), List.of());
    Document document = parse(render(graph));
    assertThat(groups(document, "node").get(0).getAttribute("data-id")).isEqualTo("a\"<&>'\uFFFD\uFFFD");
    assertThat(children(groups(document, "node").get(0), "text").get(0).getTextContent()).isEqualTo("x\ty\r");
  }

  @Test
  void theSvgHasAWhiteBackgroundSizedToTheDrawingInPoints() throws Exception {
    Element svg = parse(render(SampleGraphs.seed())).getDocumentElement();
    assertThat(svg.getAttribute("width")).endsWith("pt");
    Element background = children(svg, "rect").get(0);
    assertThat(background.getAttribute("fill")).isEqualTo("white");
    assertThat(svg.getAttribute("viewBox"))
        .isEqualTo("0 0 " + background.getAttribute("width") + " " + background.getAttribute("height"));
    assertThat(children(svg, "g").get(0).getAttribute("font-family"))
        .isEqualTo("DejaVu Sans Mono, Menlo, Consolas, monospace");
  }

  @Test
  void outputIsDeterministicUtf8WithUnixNewlines() throws Exception {
    byte[] first = render(SampleGraphs.special());
    assertThat(render(SampleGraphs.special())).isEqualTo(first);
    String text = new String(first, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\r\n").startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"");
  }
}
