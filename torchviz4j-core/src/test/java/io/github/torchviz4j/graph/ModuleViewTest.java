package io.github.torchviz4j.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.TestGraphs;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Module levels, placement by name and by scope, parameter counts and collapsing. */
class ModuleViewTest {

  private static Map<String, String> paths(Graph graph) {
    return graph.nodes().stream().collect(Collectors.toMap(Node::id, Node::modulePath));
  }

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
  void namesPlaceParametersTheirFunctionsAndTheOpsBetween() {
    Map<String, String> paths = paths(ModulePlacement.place(TestGraphs.twoLayers(), List.of()));

    assertThat(paths).containsEntry("w_a", "a").containsEntry("accw_a", "a").containsEntry("t_a", "a")
        .containsEntry("addmm_a", "a").containsEntry("w_b0", "b.0").containsEntry("addmm_b", "b.0");
    // relu lies between a and b.0: the deepest common ancestor of its neighbours is the root.
    assertThat(paths).containsEntry("relu", "").containsEntry("sum", "").containsEntry("y", "");
  }

  @Test
  void scopesWinOverNamesAndTheInnermostScopeWins() {
    List<ModuleSpan> spans = List.of(
        new ModuleSpan("block", "Block", 2, 7), new ModuleSpan("block.act", "ReLU", 4, 5));

    Graph placed = ModulePlacement.place(TestGraphs.twoLayers(), spans);

    Map<String, String> paths = paths(placed);
    assertThat(paths).containsEntry("relu", "block.act").containsEntry("t_a", "block")
        .containsEntry("addmm_b", "block").containsEntry("sum", "").containsEntry("w_a", "a");
    assertThat(placed.modules()).contains(new ModuleInfo("block", "Block"), new ModuleInfo("block.act", "ReLU"));
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
    Graph placed = ModulePlacement.place(TestGraphs.twoLayers(), List.of());
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
    Graph placed = ModulePlacement.place(TestGraphs.twoLayers(), List.of());

    assertThat(ModuleCollapse.collapse(placed, 0)).isSameAs(placed);
  }

  @Test
  void aGraphWithoutScopesOrDottedNamesIsLeftAsItIs() {
    // The seed page's neuron: parameters named "x" and "w" are top level, no module to place in.
    Graph neuron = new Graph(
        List.of(Node.tensor("y", "", List.of(1L, 1L)), Node.function("mm", "MmBackward0"),
            Node.function("acc", "AccumulateGrad"), Node.tensor("w", "w", List.of(2L, 1L))),
        List.of(new Edge("w", "acc", EdgeKind.LEAF), new Edge("acc", "mm", EdgeKind.INPUT),
            new Edge("mm", "y", EdgeKind.OUTPUT)),
        List.of("y"));
    Graph layers = TestGraphs.twoLayers();

    assertThat(ModulePlacement.place(neuron, List.of())).isSameAs(neuron);
    assertThat(ModulePlacement.place(layers, List.of())).isNotSameAs(layers);
  }

  @Test
  void moduleBoxesOnACycleAreOpenedIntoTheirParent() {
    // a's two parameters feed f1 and f3, b's feeds f2 between them: boxes a and b would each have
    // to be entered twice (a -> b -> a), so a layered layout would draw an edge upwards.
    Graph tied = new Graph(
        List.of(Node.tensor("y", "", List.of()),
            Node.function("f3", "AddmmBackward0").withSequenceNr(3),
            Node.function("f2", "AddmmBackward0").withSequenceNr(2),
            Node.function("f1", "AddmmBackward0").withSequenceNr(1),
            Node.function("acc1", "AccumulateGrad"), Node.tensor("w1", "m.a.weight", List.of(2L)),
            Node.function("acc2", "AccumulateGrad"), Node.tensor("w2", "m.b.weight", List.of(2L)),
            Node.function("acc3", "AccumulateGrad"), Node.tensor("w3", "m.a.bias", List.of(2L))),
        List.of(new Edge("w1", "acc1", EdgeKind.LEAF), new Edge("acc1", "f1", EdgeKind.INPUT),
            new Edge("w2", "acc2", EdgeKind.LEAF), new Edge("acc2", "f2", EdgeKind.INPUT),
            new Edge("w3", "acc3", EdgeKind.LEAF), new Edge("acc3", "f3", EdgeKind.INPUT),
            new Edge("f1", "f2", EdgeKind.INPUT), new Edge("f2", "f3", EdgeKind.INPUT),
            new Edge("f3", "y", EdgeKind.OUTPUT)),
        List.of("y"));

    Map<String, String> paths = paths(ModulePlacement.place(tied, List.of()));

    assertThat(paths).containsEntry("f1", "m").containsEntry("f2", "m").containsEntry("f3", "m")
        .containsEntry("w1", "m").containsEntry("acc3", "m").containsEntry("y", "");
    // One level up nothing is cyclic: m stays a box.
  }
}
