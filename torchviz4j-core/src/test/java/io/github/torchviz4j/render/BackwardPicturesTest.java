package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.BackwardGraphs;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.EdgeLabel;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.NodeLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code showBackward}: every picture format labels the seed's edges with their gradients. */
class BackwardPicturesTest {
  private static final Digraph SEED = new Digraph(BackwardGraphs.neuron(), RenderOptions.defaults().withShowBackward(true));

  private static byte[] render(Digraph digraph, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    digraph.render(format, out);
    return out.toByteArray();
  }

  @Test
  void layoutPlacesOneLabelPerGradientEdgeClearOfEveryNode() {
    Layout layout = Scene.of(BackwardGraphs.neuron(), SEED.options()).layout(Format.SVG);

    assertThat(layout.edgeLabels()).hasSize(7);
    for (EdgeLabel label : layout.edgeLabels()) {
      Box box = label.box();
      assertThat(box.x()).isGreaterThanOrEqualTo(0);
      assertThat(box.maxX()).isLessThanOrEqualTo(layout.width());
      assertThat(box.maxY()).isLessThanOrEqualTo(layout.height());
      for (NodeLayout node : layout.nodes()) {
        assertThat(box.overlaps(node.box())).as(label.line().text() + " over " + node.node().id()).isFalse();
      }
    }
  }

  @Test
  void svgHasTheGradientOnTheEdgeIntoAddmm() throws IOException {
    Document svg = (Document) Outputs.parse(Format.SVG, render(SEED, Format.SVG));
    NodeList groups = svg.getElementsByTagName("g");
    List<String> intoAddmm = new ArrayList<>();
    int labels = 0;
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("edge-label")) {
        labels++;
        if (g.getAttribute("data-tail").equals("n2") && g.getAttribute("data-head").equals("n1")) {
          intoAddmm.add(g.getElementsByTagName("text").item(0).getTextContent());
        }
      }
    }
    assertThat(labels).isEqualTo(7);
    assertThat(intoAddmm).containsExactly("0.42");
  }

  @Test
  void pngPaintsTheLabelsInTheirColour() throws IOException {
    BufferedImage with = (BufferedImage) Outputs.parse(Format.PNG, render(SEED, Format.PNG));
    BufferedImage without = (BufferedImage) Outputs.parse(Format.PNG, render(Digraph.of(BackwardGraphs.neuron()), Format.PNG));

    assertThat(reddish(with)).isGreaterThan(150);
    assertThat(reddish(without)).isZero();
  }

  private static int reddish(BufferedImage image) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 120 && r - g > 60 && r - b > 60) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void pdfWritesTheLabelsAsText() throws IOException {
    String text = (String) Outputs.parse(Format.PDF, render(SEED, Format.PDF));

    assertThat(text).contains("[0.42, 0.8399]", "0.42", "edge labels: the gradient backward()");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHasTheBackwardListAndEachParametersTracedGradient() throws IOException {
    Map<String, Object> json = (Map<String, Object>) Outputs.parse(Format.JSON, render(SEED, Format.JSON));

    List<Map<String, Object>> backward = (List<Map<String, Object>>) json.get("backward");
    assertThat(backward).hasSize(7);
    Map<String, Object> seed = backward.get(0);
    assertThat(seed).containsEntry("tail", "n1").containsEntry("head", "n0").containsEntry("step", null);
    assertThat((List<Object>) seed.get("values")).singleElement().satisfies(v -> assertThat(((Number) v).doubleValue()).isEqualTo(1.0));
    Map<String, Object> intoAddmm = backward.get(1);
    assertThat(intoAddmm).containsEntry("tail", "n2").containsEntry("head", "n1");
    assertThat(((Number) intoAddmm.get("step")).intValue()).isZero();
    assertThat(((Number) intoAddmm.get("norm")).doubleValue()).isCloseTo(BackwardGraphs.SLOPE, within(1e-12));
    assertThat((List<Object>) intoAddmm.get("shape")).hasSize(2);
    assertThat((List<Map<String, Object>>) json.get("backwardSteps")).extracting(s -> s.get("name"))
        .containsExactly("TanhBackward0", "AddmmBackward0", "AccumulateGrad", "TBackward0", "AccumulateGrad");
    Map<String, Object> weight = Outputs.jsonNodes(json).stream().filter(n -> n.get("name").equals("layer1.weight"))
        .findFirst().orElseThrow();
    double norm = ((Number) ((Map<String, Object>) weight.get("tracedGrad")).get("norm")).doubleValue();
    assertThat(norm).isCloseTo(Math.sqrt(5) * BackwardGraphs.SLOPE, within(1e-12));
    assertThat(Outputs.jsonNodes(json).stream().filter(n -> n.get("kind").equals("function")))
        .noneMatch(n -> n.containsKey("tracedGrad"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonWithoutTheOptionHasNoBackwardKeys() throws IOException {
    Map<String, Object> json = (Map<String, Object>) Outputs.parse(Format.JSON,
        render(Digraph.of(BackwardGraphs.neuron()), Format.JSON));

    assertThat(json).doesNotContainKeys("backward", "backwardSteps", "backwardNote");
    assertThat(Outputs.jsonNodes(json)).noneMatch(n -> n.containsKey("tracedGrad"));
  }

  @Test
  void htmlCarriesTheLabelsForTheViewer() throws IOException {
    String html = new String(render(SEED, Format.HTML), StandardCharsets.UTF_8);
    Outputs.parse(Format.HTML, html.getBytes(StandardCharsets.UTF_8));

    assertThat(html).contains("\"edgeLabels\":[[").contains("\"[0.42, 0.8399]\"]").contains("\"backwardSteps\"");
  }

  @Test
  void dotLabelsTheEdgesForGraphvizAndStaysTorchvizTextWithoutTheOption() {
    assertThat(SEED.source()).contains("n2 -> n1 [label=0.42 fontcolor=\"#a61b1b\" fontname=monospace fontsize=10]");
    assertThat(Digraph.of(BackwardGraphs.neuron()).source()).isEqualTo(Digraph.of(TestGraphs.neuron()).source())
        .doesNotContain("label=0.42");
  }
}
