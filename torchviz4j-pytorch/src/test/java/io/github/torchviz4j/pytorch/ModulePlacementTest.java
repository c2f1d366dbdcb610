package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Module placement on real libtorch graphs of five model kinds, run plainly (modules found from
 * parameter names and sequence numbers) and with scopes: module boxes never make an edge point
 * upwards, and a block's own ops are inside it.
 */
class ModulePlacementTest {
  private static final double TOLERANCE = 2;
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    Map<String, Supplier<ModuleModels.Net>> kinds = new LinkedHashMap<>();
    kinds.put("vit", () -> new ModuleModels.Vit(3));
    kinds.put("swin", ModuleModels.Swin::new);
    kinds.put("densenet", ModuleModels.DenseNet::new);
    kinds.put("resnet", ModuleModels.ResNet::new);
    kinds.put("bigru", ModuleModels.BiGru::new);
    kinds.forEach((name, model) -> {
      cases.add(Arguments.of(name, model, false));
      cases.add(Arguments.of(name, model, true));
    });
    return cases.stream();
  }

  private static Graph capture(ModuleModels.Net model, boolean scoped) {
    torch.manual_seed(0);
    try (ModuleRecorder modules = TorchViz.recordModules()) {
      Tensor y = model.run(scoped ? modules : null).sum();
      Map<String, Tensor> params = new LinkedHashMap<>();
      var named = model.named_parameters();
      for (long i = 0; i < named.size(); i++) {
        params.put(named.get(i).key().getString(), new Tensor(named.get(i).value()));
      }
      return TorchViz.capture(List.of(y), params, MakeDotOptions.defaults(), modules);
    }
  }

  /** Edges of an SVG whose arrow end lies above their start by more than the tolerance. */
  static int upwardEdges(Digraph digraph) throws Exception {
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    digraph.render(Format.SVG, svg);
    var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.toByteArray()));
    NodeList groups = document.getElementsByTagName("g");
    int upward = 0;
    int edges = 0;
    for (int i = 0; i < groups.getLength(); i++) {
      Element group = (Element) groups.item(i);
      if (!group.getAttribute("class").equals("edge")) {
        continue;
      }
      Element path = (Element) group.getElementsByTagName("path").item(0);
      List<Double> numbers = new ArrayList<>();
      Matcher matcher = NUMBER.matcher(path.getAttribute("d"));
      while (matcher.find()) {
        numbers.add(Double.parseDouble(matcher.group()));
      }
      edges++;
      double startY = numbers.get(1);
      double endY = numbers.get(numbers.size() - 1);
      if (endY < startY - TOLERANCE) {
        upward++;
      }
    }
    assertThat(edges).as("edges drawn").isPositive();
    return upward;
  }

  @ParameterizedTest(name = "{0}, scoped {2}")
  @MethodSource("models")
  void moduleBoxesDrawNoEdgeUpwards(String kind, Supplier<ModuleModels.Net> model, boolean scoped) throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Graph graph = capture(model.get(), scoped);
      Digraph digraph = new Digraph(graph, RenderOptions.defaults());

      assertThat(graph.modules()).as("modules found").hasSizeGreaterThanOrEqualTo(2);
      assertThat(upwardEdges(digraph.withOptions(RenderOptions.defaults().withClusters(false)))).as("flat").isZero();
      assertThat(upwardEdges(digraph.withOptions(RenderOptions.defaults().withClusters(true)))).as("clusters").isZero();
      assertThat(upwardEdges(digraph.withOptions(RenderOptions.defaults().withDepth(1)))).as("depth 1").isZero();
      assertThat(upwardEdges(digraph.withOptions(RenderOptions.defaults().withDepth(2)))).as("depth 2").isZero();
    }
  }

  static String dump(Graph graph) {
    StringBuilder text = new StringBuilder();
    graph.nodes().stream().filter(n -> n.sequenceNr() >= 0)
        .sorted(java.util.Comparator.comparingLong(Node::sequenceNr))
        .forEach(n -> text.append(n.sequenceNr()).append(' ').append(n.name()).append(' ').append(n.modulePath()).append('\n'));
    return text.toString();
  }

  private static long count(Graph graph, String function, String module) {
    return graph.nodes().stream()
        .filter(n -> n.kind() == NodeKind.FUNCTION && n.name().equals(function) && n.modulePath().equals(module))
        .count();
  }

  @Test
  void aBasicBlocksResidualAddAndReluAreInsideTheBlock() {
    try (PointerScope scope = new PointerScope()) {
      Graph graph = capture(new ModuleModels.ResNet(), false);

      // Each block ends in relu(bn2(...) + identity) and has one relu before: both in the block.
      for (String block : List.of("layer1.0", "layer1.1", "layer2.0", "layer2.1")) {
        assertThat(count(graph, "AddBackward0", block)).as(block + dump(graph)).isEqualTo(1);
        assertThat(count(graph, "ReluBackward0", block)).as(block).isEqualTo(2);
      }
      assertThat(count(graph, "AddBackward0", "")).isZero();
      assertThat(count(graph, "AddBackward0", "layer1") + count(graph, "AddBackward0", "layer2")).isZero();
    }
  }

  @Test
  void anEncoderLayersResidualAddsAreInsideTheLayerOutsideItsAttention() {
    try (PointerScope scope = new PointerScope()) {
      Graph graph = capture(new ModuleModels.Vit(3), false);

      for (int i = 0; i < 3; i++) {
        String layer = "encoder.layers.encoder_layer_" + i;
        assertThat(count(graph, "AddBackward0", layer)).as(layer + dump(graph)).isEqualTo(2);
      }
      assertThat(count(graph, "AddBackward0", "encoder.layers")).isZero();
    }
  }
}
