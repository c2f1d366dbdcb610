package io.github.torchviz4j.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.render.RenderOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The MIME bundles JJava gets for a Digraph, through jjava-jupyter's own Renderer. */
class Torchviz4jExtensionTest {
  private static final MIMEType SVG = MIMEType.parse(Torchviz4jExtension.SVG);
  private static final MIMEType PNG = MIMEType.parse(Torchviz4jExtension.PNG);
  private static final MIMEType TEXT = MIMEType.parse(Torchviz4jExtension.TEXT);
  private static final MIMEType DOT = MIMEType.parse(Torchviz4jExtension.DOT);

  private Renderer renderer;

  @BeforeEach
  void registerWithAFreshRenderer() {
    renderer = new Renderer();
    Torchviz4jExtension.register(renderer);
  }

  /** The seed tutorial's one neuron: tanh(addmm(bias, x, weight.t())). */
  static Digraph seed() {
    return Digraph.of(new Graph(
        List.of(
            Node.tensor("out", "", List.of(1L, 1L)),
            Node.function("tanh", "TanhBackward0"),
            Node.function("addmm", "AddmmBackward0"),
            Node.function("accB", "AccumulateGrad"),
            Node.tensor("bias", "layer1.bias", List.of(1L)),
            Node.function("t", "TBackward0"),
            Node.function("accW", "AccumulateGrad"),
            Node.tensor("weight", "layer1.weight", List.of(1L, 2L))),
        List.of(
            new Edge("bias", "accB", EdgeKind.LEAF),
            new Edge("accB", "addmm", EdgeKind.INPUT),
            new Edge("weight", "accW", EdgeKind.LEAF),
            new Edge("accW", "t", EdgeKind.INPUT),
            new Edge("t", "addmm", EdgeKind.INPUT),
            new Edge("addmm", "tanh", EdgeKind.INPUT),
            new Edge("tanh", "out", EdgeKind.OUTPUT)),
        List.of("out")));
  }

  @Test
  void aCellValueRendersAsSvgWithPngAndTextFallbacks() throws Exception {
    DisplayData bundle = renderer.render(seed());

    assertThat(bundle.hasDataForType(SVG)).isTrue();
    assertThat(bundle.hasDataForType(PNG)).isTrue();
    assertThat(bundle.hasDataForType(TEXT)).isTrue();
    assertThat(bundle.hasDataForType(DOT)).as("DOT only on request").isFalse();

    Document svg = parse((String) bundle.getData(SVG));
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(texts(svg)).contains("layer1.weight", "layer1.bias", "AccumulateGrad", "TBackward0",
        "AddmmBackward0", "TanhBackward0");

    BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) bundle.getData(PNG))));
    assertThat(png).as("decodable PNG").isNotNull();
    assertThat(png.getWidth()).isGreaterThan(50);
    assertThat(png.getHeight()).isGreaterThan(100);

    assertThat(bundle.getData(TEXT)).isEqualTo("Digraph: autograd graph of 8 nodes, 7 edges, 1 output");
  }

  @Test
  void displayAsRendersOnlyWhatIsAskedFor() {
    DisplayData png = renderer.renderAs(seed(), Torchviz4jExtension.PNG);
    assertThat(png.hasDataForType(PNG)).isTrue();
    assertThat(png.hasDataForType(SVG)).isFalse();

    DisplayData dot = renderer.renderAs(seed(), Torchviz4jExtension.DOT);
    assertThat((String) dot.getData(DOT)).isEqualTo(seed().source()).contains("AddmmBackward0");
  }

  @Test
  void thePictureFollowsTheDigraphsOptions() throws Exception {
    Digraph big = seed().withOptions(RenderOptions.defaults().withPixelsPerPoint(4));
    BufferedImage small = png(renderer.render(seed()));
    BufferedImage large = png(renderer.render(big));
    assertThat(large.getWidth()).isGreaterThan(2 * small.getWidth());
  }

  @Test
  void aGraphTooLargeToDrawFailsWithTheLibrarysMessage() {
    Digraph tooBig = seed().withOptions(RenderOptions.defaults().withMaxLayoutNodes(3));
    assertThatThrownBy(() -> renderer.render(tooBig)).isInstanceOf(Torchviz4jException.class);
  }

  @Test
  void theKernelFindsTheExtensionThroughTheServiceLoader() {
    List<Extension> found = new ArrayList<>();
    ServiceLoader.load(Extension.class).forEach(found::add);
    assertThat(found).hasAtLeastOneElementOfType(Torchviz4jExtension.class);
  }

  @Test
  void displayDataNeedsNoKernel() {
    DisplayData bundle = Torchviz4jExtension.displayData(seed());
    assertThat(bundle.hasDataForType(SVG)).isTrue();
    assertThat(bundle.hasDataForType(PNG)).isTrue();
  }

  private static BufferedImage png(DisplayData bundle) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) bundle.getData(PNG))));
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> texts(Document svg) {
    NodeList nodes = svg.getElementsByTagNameNS("*", "text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().strip());
    }
    return texts;
  }
}
