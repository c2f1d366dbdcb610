package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import io.github.torchviz4j.render.png.PngWriter;
import io.github.torchviz4j.render.svg.SvgWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Pictures of diffs of graphs captured from real libtorch models: which boxes carry which border. */
class DiffDrawingModelsTest {
  private static final String GREEN = String.format("#%06x", Mark.ADDED.borderRgb());
  private static final String ORANGE = String.format("#%06x", Mark.CHANGED.borderRgb());
  private static final String RED = String.format("#%06x", Mark.REMOVED.borderRgb());

  /** Linear(4, 16), activation, Linear(16, 2): parameters fc1.*, fc2.*. */
  private static Graph mlp(UnaryOperator<Tensor> activation) {
    return mlp(16, activation);
  }

  /** Linear(4, width), activation, Linear(width, 2). */
  private static Graph mlp(int width, UnaryOperator<Tensor> activation) {
    torch.manual_seed(0);
    Module model = new Module("Mlp");
    LinearImpl fc1 = model.register_module("fc1", new LinearImpl(4, width));
    LinearImpl fc2 = model.register_module("fc2", new LinearImpl(width, 2));
    Tensor y = fc2.forward(activation.apply(fc1.forward(torch.randn(3, 4))));
    return TorchViz.capture(List.of(y), ReferenceModels.params(model));
  }

  /** The {@code <g class="node">} elements of an SVG, legend notes left out. */
  private static List<Element> graphNodes(String svg) throws Exception {
    var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    NodeList groups = document.getElementsByTagName("g");
    List<Element> nodes = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element group = (Element) groups.item(i);
      if (group.getAttribute("class").equals("node") && !group.getAttribute("data-role").equals("note")) {
        nodes.add(group);
      }
    }
    return nodes;
  }

  private static String border(Element node) {
    return ((Element) node.getElementsByTagName("rect").item(0)).getAttribute("stroke");
  }

  private static String text(Element node) {
    NodeList texts = node.getElementsByTagName("text");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      lines.add(texts.item(i).getTextContent());
    }
    return String.join("\n", lines);
  }

  @Test
  void theNewLayersNodesHaveTheGreenBorderAndNothingElseIsMarked() throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Graph two = EncoderModels.residualEncoder(2, "Block");
      Graph three = EncoderModels.residualEncoder(3, "Block");
      Scene scene = Scene.of(GraphDiff.of(two, three), RenderOptions.defaults());

      List<Element> nodes = graphNodes(new SvgWriter().svg(scene.layout(Format.SVG)));

      long inNewLayer = three.nodes().stream().filter(n -> ModuleInfo.isWithin(n.modulePath(), "layers.2")).count();
      List<Element> green = nodes.stream().filter(n -> border(n).equals(GREEN)).toList();
      assertThat(green).hasSize((int) inNewLayer).allSatisfy(n -> assertThat(n.getAttribute("data-diff")).isEqualTo("added"));
      assertThat(nodes).hasSize(two.nodes().size() + (int) inNewLayer);
      assertThat(nodes).filteredOn(n -> !border(n).equals(GREEN))
          .allSatisfy(n -> assertThat(n.getAttribute("data-diff")).isEqualTo("same"))
          .noneSatisfy(n -> assertThat(border(n)).isIn(ORANGE, RED));
      assertThat(scene.layout(Format.SVG).clusters())
          .filteredOn(c -> c.path().equals("layers.2")).singleElement()
          .satisfies(c -> assertThat(c.label()).endsWith("  +" + inNewLayer));
      assertThat(scene.layout(Format.SVG).clusters())
          .filteredOn(c -> c.path().equals("layers.0")).singleElement()
          .satisfies(c -> assertThat(c.label()).doesNotContain("+").doesNotContain("~"));
    }
  }

  @Test
  void geluInsteadOfReluIsTheOneOrangeNodeAndSaysWhatChanged() throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Scene scene = Scene.of(GraphDiff.of(mlp(torch::relu), mlp(t -> torch.gelu(t))), RenderOptions.defaults());

      List<Element> nodes = graphNodes(new SvgWriter().svg(scene.layout(Format.SVG)));

      assertThat(nodes).filteredOn(n -> !n.getAttribute("data-diff").equals("same")).singleElement()
          .satisfies(n -> {
            assertThat(border(n)).isEqualTo(ORANGE);
            assertThat(n.getAttribute("data-diff")).isEqualTo("changed");
            assertThat(text(n)).isEqualTo("ReluBackward0 → GeluBackward0");
          });
      assertThat(nodes).filteredOn(n -> n.getAttribute("data-diff").equals("same"))
          .hasSize(nodes.size() - 1)
          .allSatisfy(n -> assertThat(border(n)).isNotIn(GREEN, ORANGE, RED));
    }
  }

  @Test
  void thePngPaintsTheChangedBorderOrangeAndFadesTheRest() throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Scene scene = Scene.of(GraphDiff.of(mlp(torch::relu), mlp(t -> torch.gelu(t))), RenderOptions.defaults());
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      new PngWriter().write(scene, png);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
      Layout layout = scene.layout(Format.PNG);
      double scale = image.getWidth() / layout.width();
      maybeSave("diff-relu-gelu.png", png.toByteArray());

      NodeLayout changed = layout.nodes().stream().filter(n -> n.mark() == Mark.CHANGED).findFirst().orElseThrow();
      NodeLayout same = layout.nodes().stream()
          .filter(n -> n.mark() == Mark.SAME && n.node().name().equals("AddmmBackward0")).findFirst().orElseThrow();

      assertThat(pixel(image, changed.box().x() + changed.box().width() / 2, changed.box().y(), scale))
          .isEqualTo(Mark.CHANGED.borderRgb());
      assertThat(pixel(image, same.box().x() + 4, same.box().centerY() - 1, scale))
          .as("a faded grey function box").isEqualTo(Mark.SAME.paint(0xD3D3D3)).isNotEqualTo(0xD3D3D3);
    }
  }

  @Test
  void renderTheEncoderDiffForALook() throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Scene scene = Scene.of(GraphDiff.of(EncoderModels.residualEncoder(2, "Block"),
          EncoderModels.residualEncoder(3, "Block")), RenderOptions.defaults());
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      new PngWriter().write(scene, png);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
      assertThat(image.getWidth()).isPositive();
      maybeSave("diff-encoder.png", png.toByteArray());
    }
  }

  @Test
  void anotherHiddenWidthLabelsEachChangedShapeOldToNew() throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Scene scene = Scene.of(GraphDiff.of(mlp(16, torch::relu), mlp(32, torch::relu)), RenderOptions.defaults());
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      new PngWriter().write(scene, png);
      maybeSave("diff-width.png", png.toByteArray());

      List<Element> nodes = graphNodes(new SvgWriter().svg(scene.layout(Format.SVG)));

      assertThat(nodes).filteredOn(n -> text(n).startsWith("fc1.weight")).singleElement()
          .satisfies(n -> {
            assertThat(text(n)).isEqualTo("fc1.weight\n (16, 4) → (32, 4)");
            assertThat(border(n)).isEqualTo(ORANGE);
          });
      assertThat(nodes).noneSatisfy(n -> assertThat(border(n)).isIn(GREEN, RED));
    }
  }

  @Test
  void evalAgainstTrainDrawsTheDropoutsNodesRemoved() throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Graph train = mlp(16, t -> torch.dropout(torch.relu(t), 0.5, true));
      Graph eval = mlp(16, t -> torch.dropout(torch.relu(t), 0.5, false));
      Scene scene = Scene.of(GraphDiff.of(train, eval), RenderOptions.defaults());

      List<Element> nodes = graphNodes(new SvgWriter().svg(scene.layout(Format.SVG)));

      List<Element> removed = nodes.stream().filter(n -> border(n).equals(RED)).toList();
      assertThat(removed).isNotEmpty().allSatisfy(n -> {
        assertThat(text(n)).isIn("MulBackward0", "NativeDropoutBackward0");
        Element rect = (Element) n.getElementsByTagName("rect").item(0);
        assertThat(rect.getAttribute("stroke-dasharray")).isNotEmpty();
      });
      assertThat(nodes).filteredOn(n -> !border(n).equals(RED))
          .allSatisfy(n -> assertThat(n.getAttribute("data-diff")).isEqualTo("same"));
    }
  }

  private static int pixel(BufferedImage image, double x, double y, double scale) {
    return image.getRGB((int) Math.round(x * scale), (int) Math.round(y * scale)) & 0xffffff;
  }

  private static void maybeSave(String name, byte[] bytes) throws Exception {
    String dir = System.getProperty("torchviz4j.lookDir");
    if (dir != null) {
      Files.write(Path.of(dir, name), bytes);
    }
  }
}
