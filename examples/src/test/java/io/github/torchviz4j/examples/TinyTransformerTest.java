package io.github.torchviz4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.drawing.ParameterCounts;
import io.github.torchviz4j.layout.ClusterLayout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.ModuleRecorder;
import io.github.torchviz4j.pytorch.TorchViz;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two-layer encoder built in Java with module scopes: clusters, collapse and counts. */
class TinyTransformerTest {
  private static final Set<String> LAYER_PARTS = Set.of("self_attn", "linear1", "linear2", "norm1", "norm2");

  private PointerScope scope;
  private Graph graph;

  @BeforeEach
  void capture() {
    scope = new PointerScope();
    torch.manual_seed(0);
    TinyTransformer model = new TinyTransformer(2);
    try (ModuleRecorder modules = TorchViz.recordModules()) {
      Tensor y = model.forward(modules, torch.randn(2, 10, TinyTransformer.D_MODEL)).sum();
      graph = TorchViz.capture(List.of(y), parameters(model), MakeDotOptions.defaults(), modules);
    }
  }

  @AfterEach
  void release() {
    scope.close();
  }

  @Test
  void eachLayerIsAClusterHoldingItsSubmodules() {
    for (String layer : List.of("layers.0", "layers.1")) {
      Set<String> parts = graph.nodes().stream()
          .map(Node::modulePath)
          .filter(path -> path.startsWith(layer + "."))
          .map(path -> path.substring(layer.length() + 1).split("\\.")[0])
          .collect(Collectors.toSet());
      assertThat(parts).containsAll(LAYER_PARTS);
    }
    assertThat(graph.modules()).contains(new ModuleInfo("layers.0", "TransformerEncoderLayer"),
        new ModuleInfo("layers.1.linear1", "Linear"), new ModuleInfo("layers.0.self_attn", "MultiheadAttention"));
    // A linear layer on a 3-d input is a matrix product of the flattened input.
    assertThat(graph.nodes()).filteredOn(n -> n.modulePath().equals("layers.1.linear1")).extracting(Node::name)
        .contains("AccumulateGrad", "TBackward0")
        .containsAnyOf("AddmmBackward0", "MmBackward0");
  }

  @Test
  void everyOpOfALayerIsPlacedInsideIt() {
    List<Node> outside = graph.nodes().stream()
        .filter(n -> n.kind() == NodeKind.FUNCTION && n.modulePath().isEmpty())
        .toList();
    // Only the final .sum() runs outside the encoder.
    assertThat(outside).extracting(Node::name).containsExactly("SumBackward0");
  }

  @Test
  void depthTwoGivesOneBoxPerLayerWithRoutedEdges() {
    assertThat(collapse(graph, 1).nodes()).filteredOn(n -> n.kind() == NodeKind.MODULE)
        .extracting(Node::name).containsExactly("layers");
    Graph collapsed = collapse(graph, 2);

    List<Node> boxes = collapsed.nodes().stream().filter(n -> n.kind() == NodeKind.MODULE).toList();
    assertThat(boxes).extracting(Node::name).containsExactlyInAnyOrder("layers.0", "layers.1");
    assertThat(collapsed.edges()).extracting(e -> e.tail() + "->" + e.head())
        .contains("module:layers.0->module:layers.1")
        .allSatisfy(edge -> assertThat(edge).doesNotContain("AccumulateGrad"));
    Map<String, String> params = boxes.stream().collect(Collectors.toMap(Node::name,
        n -> n.attributes().stream().filter(a -> a.name().equals("params")).findFirst().orElseThrow()
            .value().pythonText()));
    assertThat(params).containsEntry("layers.0", "33,472").containsEntry("layers.1", "33,472");
    assertThat(ParameterCounts.of(graph).total()).isEqualTo(2 * 33_472);
    assertThat(collapsed.nodes()).hasSize(4);
    Edge last = collapsed.edges().stream().filter(e -> e.tail().equals("module:layers.1")).findFirst().orElseThrow();
    assertThat(collapsed.node(last.head()).name()).isEqualTo("SumBackward0");
  }

  @Test
  void clusteredLayoutDrawsEveryModuleLevel() {
    List<String> clusters = new ElkLayoutEngine().layout(graph, LayoutOptions.defaults()).clusters().stream()
        .map(ClusterLayout::path).toList();

    assertThat(clusters).contains("layers.0", "layers.1", "layers.0.self_attn", "layers.1.norm2");
  }

  private static Map<String, Tensor> parameters(TinyTransformer model) {
    var dict = model.named_parameters();
    Map<String, Tensor> map = new java.util.LinkedHashMap<>();
    for (long i = 0; i < dict.size(); i++) {
      map.put(dict.get(i).key().getString(), new Tensor(dict.get(i).value()));
    }
    return map;
  }

  /** The drawn graph at a depth: modules collapsed, clusters kept (ModuleCollapse is the drawing's own step). */
  private static Graph collapse(Graph graph, int depth) {
    return Drawing.of(graph, new DrawingOptions(depth, true, 0, 50)).graph();
  }
}
