package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Placement by name, by scope and around cycles, on hand-made graphs (ModulePlacementTest runs real models). */
class ModulePlacementRulesTest {

  private static Map<String, String> paths(Graph graph) {
    return graph.nodes().stream().collect(Collectors.toMap(Node::id, Node::modulePath));
  }

  @Test
  void namesPlaceParametersTheirFunctionsAndTheOpsBetween() {
    Map<String, String> paths = paths(ModulePlacement.place(twoLayers(), List.of()));

    assertThat(paths).containsEntry("w_a", "a").containsEntry("accw_a", "a").containsEntry("t_a", "a")
        .containsEntry("addmm_a", "a").containsEntry("w_b0", "b.0").containsEntry("addmm_b", "b.0");
    // relu lies between a and b.0: the deepest common ancestor of its neighbours is the root.
    assertThat(paths).containsEntry("relu", "").containsEntry("sum", "").containsEntry("y", "");
  }

  @Test
  void scopesWinOverNamesAndTheInnermostScopeWins() {
    List<ModuleSpan> spans = List.of(
        new ModuleSpan("block", "Block", 2, 7), new ModuleSpan("block.act", "ReLU", 4, 5));

    Graph placed = ModulePlacement.place(twoLayers(), spans);

    Map<String, String> paths = paths(placed);
    assertThat(paths).containsEntry("relu", "block.act").containsEntry("t_a", "block")
        .containsEntry("addmm_b", "block").containsEntry("sum", "").containsEntry("w_a", "a");
    assertThat(placed.modules()).contains(new ModuleInfo("block", "Block"), new ModuleInfo("block.act", "ReLU"));
  }

  @Test
  void placementGivesThePathsCoreTestsUseAsFixtures() {
    // core's TestGraphs.twoLayersPlaced() and twoLayersInBlock() spell these out by hand.
    assertThat(paths(ModulePlacement.place(twoLayers(), List.of()))).containsExactlyInAnyOrderEntriesOf(
        Map.ofEntries(Map.entry("w_a", "a"), Map.entry("b_a", "a"), Map.entry("accw_a", "a"),
            Map.entry("accb_a", "a"), Map.entry("t_a", "a"), Map.entry("addmm_a", "a"),
            Map.entry("w_b0", "b.0"), Map.entry("b_b0", "b.0"), Map.entry("accw_b0", "b.0"),
            Map.entry("accb_b0", "b.0"), Map.entry("t_b0", "b.0"), Map.entry("addmm_b", "b.0"),
            Map.entry("relu", ""), Map.entry("sum", ""), Map.entry("y", "")));
    Graph inBlock = ModulePlacement.place(twoLayers(),
        List.of(new ModuleSpan("block", "Block", 2, 7), new ModuleSpan("block.act", "ReLU", 4, 5)));
    assertThat(paths(inBlock)).containsExactlyInAnyOrderEntriesOf(
        Map.ofEntries(Map.entry("w_a", "a"), Map.entry("b_a", "a"), Map.entry("accw_a", "a"),
            Map.entry("accb_a", "a"), Map.entry("t_a", "block"), Map.entry("addmm_a", "block"),
            Map.entry("relu", "block.act"), Map.entry("w_b0", "b.0"), Map.entry("b_b0", "b.0"),
            Map.entry("accw_b0", "b.0"), Map.entry("accb_b0", "b.0"), Map.entry("t_b0", "block"),
            Map.entry("addmm_b", "block"), Map.entry("sum", ""), Map.entry("y", "")));
    assertThat(inBlock.modules()).containsExactlyInAnyOrder(new ModuleInfo("a", ""), new ModuleInfo("b", ""),
        new ModuleInfo("b.0", ""), new ModuleInfo("block", "Block"), new ModuleInfo("block.act", "ReLU"));
  }



  /** Core's TestGraphs.twoLayers(): linear layers "a" and "b.0" with a relu between them. */
  private static Graph twoLayers() {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("y", "", List.of()));
    nodes.add(Node.function("sum", "SumBackward0").withSequenceNr(7));
    nodes.add(Node.function("addmm_b", "AddmmBackward0").withSequenceNr(6));
    nodes.add(Node.function("relu", "ReluBackward0").withSequenceNr(4));
    nodes.add(Node.function("addmm_a", "AddmmBackward0").withSequenceNr(3));
    for (String module : List.of("a", "b.0")) {
      String key = module.replace(".", "");
      nodes.add(Node.tensor("w_" + key, module + ".weight", List.of(4L, 4L)));
      nodes.add(Node.tensor("b_" + key, module + ".bias", List.of(4L)));
      nodes.add(Node.function("accw_" + key, "AccumulateGrad"));
      nodes.add(Node.function("accb_" + key, "AccumulateGrad"));
      nodes.add(Node.function("t_" + key, "TBackward0").withSequenceNr(key.equals("a") ? 2 : 5));
      String addmm = key.equals("a") ? "addmm_a" : "addmm_b";
      edges.add(new Edge("w_" + key, "accw_" + key, EdgeKind.LEAF));
      edges.add(new Edge("b_" + key, "accb_" + key, EdgeKind.LEAF));
      edges.add(new Edge("accw_" + key, "t_" + key, EdgeKind.INPUT, "", List.of(4L, 4L)));
      edges.add(new Edge("accb_" + key, addmm, EdgeKind.INPUT, "", List.of(4L)));
      edges.add(new Edge("t_" + key, addmm, EdgeKind.INPUT, "", List.of(4L, 4L)));
    }
    edges.add(new Edge("addmm_a", "relu", EdgeKind.INPUT, "", List.of(2L, 4L)));
    edges.add(new Edge("relu", "addmm_b", EdgeKind.INPUT, "", List.of(2L, 4L)));
    edges.add(new Edge("addmm_b", "sum", EdgeKind.INPUT, "", List.of(2L, 4L)));
    edges.add(new Edge("sum", "y", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("y"));
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
    Graph layers = twoLayers();

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
