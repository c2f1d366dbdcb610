package io.github.torchviz4j.render.graphviz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.ExternalProgram;
import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.dot.DotWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.Document;

class GraphvizWriterTest {
  @TempDir
  Path directory;

  private static byte[] render(GraphvizWriter writer, Graph graph) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(graph, RenderOptions.defaults().withEngine(Engine.GRAPHVIZ), out);
    return out.toByteArray();
  }

  /** A stand-in for dot: a shell script, so failures and big outputs can be staged. */
  private Path script(String body) throws IOException {
    Path file = directory.resolve("dot");
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void aMissingDotSaysWhatToInstallAndThatElkNeedsNothing() {
    GraphvizWriter writer = new GraphvizWriter(Format.SVG, Optional::empty);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> writer.write(SampleGraphs.seed(), RenderOptions.defaults(), out))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("Graphviz's dot was not found on the PATH")
        .hasMessageContaining("apt-get install graphviz")
        .hasMessageContaining("ELK engine, which needs nothing installed");
    assertThat(out.size()).isZero();
  }

  @Test
  void theLookupSearchesEveryPathEntry() throws IOException {
    Path dot = script("exit 0");
    Path empty = Files.createDirectory(directory.resolve("empty"));
    assertThat(DotExecutable.find(empty + java.io.File.pathSeparator + directory)).contains(dot);
    assertThat(DotExecutable.find(empty.toString())).isEmpty();
    assertThat(DotExecutable.find("")).isEmpty();
    assertThat(DotExecutable.find(null)).isEmpty();
  }

  @Test
  void aFailingDotReportsItsExitCodeAndStderr() throws IOException {
    Path dot = script("cat > /dev/null; echo 'Error: syntax error in line 3' >&2; exit 1");
    GraphvizWriter writer = new GraphvizWriter(Format.PNG, () -> Optional.of(dot));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> writer.write(SampleGraphs.seed(), RenderOptions.defaults(), out))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("Error: syntax error in line 3")
        .hasMessageContaining("-Tpng");
    assertThat(out.size()).as("nothing written on failure").isZero();
  }

  @Test
  void bigOutputsOnBothStreamsDoNotDeadlock() throws IOException {
    // Echo the DOT (far more than a pipe buffer) to stdout and stderr at once.
    Path dot = script("tee /dev/stderr");
    Graph chain = SampleGraphs.chain(5_000);
    String source = new DotWriter().source(chain);
    assertThat(source.length()).as("twice a Linux pipe buffer").isGreaterThan(128 * 1024);
    byte[] out = render(new GraphvizWriter(Format.SVG, () -> Optional.of(dot)), chain);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(source);
  }

  @Test
  void withGraphvizInstalledTheSvgAndPngAreValid() throws Exception {
    ExternalProgram.DOT.require("GraphvizWriterTest.withGraphvizInstalledTheSvgAndPngAreValid");
    byte[] svg = render(new GraphvizWriter(Format.SVG), SampleGraphs.special());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(new String(svg, StandardCharsets.UTF_8)).contains("AccumulateGrad", "MulBackward0");
    byte[] png = render(new GraphvizWriter(Format.PNG), SampleGraphs.seed());
    assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
    assertThat(new String(render(new GraphvizWriter(Format.PDF), SampleGraphs.seed()), StandardCharsets.ISO_8859_1))
        .startsWith("%PDF-");
  }

  @Test
  void modulesAreClustersAndDepthCollapsesThemAsWithTheEmbeddedRenderer() throws Exception {
    ExternalProgram.DOT.require("GraphvizWriterTest.modulesAreClustersAndDepthCollapsesThemAsWithTheEmbeddedRenderer");
    Graph graph = TestGraphs.twoLayersInBlock();
    RenderOptions graphviz = RenderOptions.defaults().withEngine(Engine.GRAPHVIZ);

    Document clustered = svg(graph, graphviz.withClusters(true));
    Map<String, double[]> clusters = boxes(clustered, "cluster");
    Map<String, double[]> nodes = boxes(clustered, "node");
    assertThat(clusters.keySet())
        .containsExactlyInAnyOrder("cluster_block", "cluster_block.act", "cluster_a", "cluster_b", "cluster_b.0");
    assertThat(clustered.getDocumentElement().getTextContent()).contains("a, 20 params", "block.act (ReLU)");
    for (Node node : graph.nodes()) {
      if (!node.modulePath().isEmpty()) {
        assertThat(inside(nodes.get(node.id()), clusters.get("cluster_" + node.modulePath())))
            .as("%s inside cluster %s", node.id(), node.modulePath()).isTrue();
      }
    }
    assertThat(inside(clusters.get("cluster_block.act"), clusters.get("cluster_block"))).isTrue();
    assertThat(boxes(svg(graph, graphviz), "cluster")).as("flat unless asked").isEmpty();

    RenderOptions depthOne = graphviz.withDepth(1);
    assertThat(boxes(svg(graph, depthOne), "node").keySet())
        .containsExactlyInAnyOrderElementsOf(Drawing.of(graph, depthOne.drawing(Format.SVG)).graph().nodes().stream().map(Node::id).toList())
        .hasSizeLessThan(graph.nodes().size());
  }

  private static Document svg(Graph graph, RenderOptions options) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new GraphvizWriter(Format.SVG).write(graph, options, out);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
  }

  /** Bounding boxes {minX, minY, maxX, maxY} of Graphviz's groups of a class, by their titles. */
  private static Map<String, double[]> boxes(Document svg, String svgClass) {
    Map<String, double[]> boxes = new HashMap<>();
    NodeList groups = svg.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element group = (Element) groups.item(i);
      if (!group.getAttribute("class").equals(svgClass)) {
        continue;
      }
      String title = group.getElementsByTagName("title").item(0).getTextContent();
      Element polygon = (Element) group.getElementsByTagName("polygon").item(0);
      double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (String point : polygon.getAttribute("points").trim().split("\\s+")) {
        String[] xy = point.split(",");
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
      boxes.put(title, box);
    }
    return boxes;
  }

  private static boolean inside(double[] inner, double[] outer) {
    return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
  }
}
