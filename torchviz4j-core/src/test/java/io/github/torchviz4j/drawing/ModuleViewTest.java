package io.github.torchviz4j.drawing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Module levels, parameter counts and collapsing. */
class ModuleViewTest {

  @Test
  void everyDottedPartIsOneLevelAsTorchviewCountsThem() {
    assertThat(ModuleLevels.of("layers.0.self_attn.out_proj"))
        .containsExactly("layers", "layers.0", "layers.0.self_attn", "layers.0.self_attn.out_proj");
    assertThat(ModuleLevels.of("0")).containsExactly("0");
    assertThat(ModuleLevels.of("")).isEmpty();
    assertThat(ModuleLevels.atDepth("layer1.0.conv1", 1)).isEqualTo("layer1");
    assertThat(ModuleLevels.atDepth("layer1.0.conv1", 2)).isEqualTo("layer1.0");
    assertThat(ModuleLevels.depth("layer1.0")).isEqualTo(2);
    assertThat(ModuleLevels.depth("")).isZero();
    assertThat(ModuleInfo.commonAncestor("layers.0.norm1", "layers.0.self_attn")).isEqualTo("layers.0");
    assertThat(ModuleInfo.commonAncestor("layers.0", "layers.1")).isEqualTo("layers");
    assertThat(ModuleInfo.commonAncestor("a", "")).isEmpty();
  }

  @Test
  void parametersAreCountedPerModuleAndInTotal() {
    ParameterCounts counts = ParameterCounts.of(TestGraphs.twoLayers());

    assertThat(counts.of("a")).isEqualTo(20);
    assertThat(counts.of("b.0")).isEqualTo(20);
    assertThat(counts.of("b")).isEqualTo(20);
    assertThat(counts.total()).isEqualTo(40);
  }

  @Test
  void collapsingReplacesEachModuleByOneBoxAndReroutesItsEdges() {
    Graph placed = TestGraphs.twoLayersPlaced();
    assertThat(ModuleCollapse.collapse(placed, 2).nodes()).filteredOn(n -> n.kind() == NodeKind.MODULE)
        .extracting(Node::name).containsExactly("b.0");

    Graph collapsed = ModuleCollapse.collapse(placed, 1);

    List<Node> boxes = collapsed.nodes().stream().filter(n -> n.kind() == NodeKind.MODULE).toList();
    assertThat(boxes).extracting(Node::name).containsExactly("b", "a");
    Function<String, List<String>> edgesOf = id -> collapsed.edges().stream()
        .filter(e -> e.tail().equals(id) || e.head().equals(id)).map(e -> e.tail() + "->" + e.head()).toList();
    assertThat(edgesOf.apply("module:a")).containsExactly("module:a->relu");
    assertThat(edgesOf.apply("module:b")).containsExactly("relu->module:b", "module:b->sum");
    Node a = collapsed.node("module:a");
    assertThat(a.attributes()).extracting(attribute -> attribute.name() + "=" + attribute.value().pythonText())
        .containsExactly("params=20", "nodes=6", "in=-", "out=(2, 4)");
    assertThat(TorchvizStatements.of(collapsed).role("module:a")).isEqualTo(Role.MODULE);
    // A cluster around collapsed boxes counts the parameters inside them.
    ParameterCounts inBoxes = ParameterCounts.of(ModuleCollapse.collapse(placed, 2));
    assertThat(inBoxes.of("b")).isEqualTo(20);
    assertThat(inBoxes.total()).isEqualTo(40);
  }

  @Test
  void depthZeroLeavesTheOpGraphAlone() {
    Graph placed = TestGraphs.twoLayersPlaced();

    assertThat(ModuleCollapse.collapse(placed, 0)).isSameAs(placed);
  }
}
