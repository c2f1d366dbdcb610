package io.github.torchviz4j.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diffs of small hand-made graphs; real models are diffed in the pytorch module's tests. */
class GraphDiffTest {

  /** y = act(w · x) in module {@code layer} ({@link TestGraphs#oneLayer}). */
  private static Graph graph(String activation, long width, String prefix) {
    return TestGraphs.oneLayer("layer", activation, width, prefix);
  }

  @Test
  void identicalGraphsWithOtherIdsAreAllSame() {
    GraphDiff diff = GraphDiff.of(graph("ReluBackward0", 3, "a"), graph("ReluBackward0", 3, "b"));
    assertThat(diff.isSame()).isTrue();
    assertThat(diff.count(DiffKind.SAME)).isEqualTo(5);
    assertThat(diff.summary()).isEqualTo("added 0, removed 0, changed 0 nodes");
  }

  @Test
  void anotherActivationIsOneChangedNodeThatSaysWhich() {
    GraphDiff diff = GraphDiff.of(graph("ReluBackward0", 3, "a"), graph("GeluBackward0", 3, "b"));
    assertThat(diff.nodes()).filteredOn(n -> n.kind() != DiffKind.SAME).singleElement().satisfies(n -> {
      assertThat(n.before()).isEqualTo("aact");
      assertThat(n.after()).isEqualTo("bact");
      assertThat(n.changes()).containsExactly("op ReluBackward0 → GeluBackward0");
    });
  }

  @Test
  void anotherWidthChangesShapesOnly() {
    GraphDiff diff = GraphDiff.of(graph("ReluBackward0", 3, "a"), graph("ReluBackward0", 5, "b"));
    assertThat(diff.count(DiffKind.ADDED) + diff.count(DiffKind.REMOVED)).isZero();
    assertThat(diff.ofBefore("aw").orElseThrow().changes()).containsExactly("shape (2, 3) → (2, 5)");
    assertThat(diff.ofBefore("amm").orElseThrow().changes()).containsExactly("input shape (2, 3) → (2, 5)");
    assertThat(diff.ofBefore("ay").orElseThrow().changes()).containsExactly("shape (1, 3) → (1, 5)");
  }

  @Test
  void aNewModulesNodesAreAddedAndNamedInTheSummary() {
    Graph before = graph("ReluBackward0", 3, "a");
    List<Node> nodes = new ArrayList<>(graph("ReluBackward0", 3, "b").nodes());
    List<Edge> edges = new ArrayList<>(graph("ReluBackward0", 3, "b").edges());
    edges.removeIf(e -> e.kind() == EdgeKind.OUTPUT);
    nodes.add(new Node("extra", NodeKind.FUNCTION, "TanhBackward0", List.of(), List.of(), "head.inner", 3));
    edges.add(new Edge("bact", "extra", EdgeKind.INPUT, "", List.of(1L, 3L)));
    edges.add(new Edge("extra", "by", EdgeKind.OUTPUT));
    GraphDiff diff = GraphDiff.of(before, new Graph(nodes, edges, List.of("by")));

    assertThat(diff.nodes()).filteredOn(n -> n.kind() == DiffKind.ADDED).extracting(NodeDiff::after).containsExactly("extra");
    assertThat(diff.count(DiffKind.SAME)).isEqualTo(5);
    assertThat(diff.addedModules()).containsExactly("head");
    assertThat(diff.summary()).isEqualTo("added 1, removed 0, changed 0 nodes; modules added: head");
    assertThat(diff.edges()).extracting(EdgeDiff::kind)
        .containsExactly(DiffKind.SAME, DiffKind.SAME, DiffKind.SAME, DiffKind.REMOVED, DiffKind.ADDED, DiffKind.ADDED);
  }

  @Test
  void repeatedEdgesPairOneByOne() {
    List<Node> nodes = List.of(Node.tensor("y", "", List.of()), new Node("mul", NodeKind.FUNCTION, "MulBackward0",
        List.of(), List.of(), "", 1), Node.function("acc", "AccumulateGrad"), Node.tensor("a", "a", List.of()));
    Graph twice = new Graph(nodes, List.of(new Edge("a", "acc", EdgeKind.LEAF), new Edge("acc", "mul", EdgeKind.INPUT),
        new Edge("acc", "mul", EdgeKind.INPUT), new Edge("mul", "y", EdgeKind.OUTPUT)), List.of("y"));
    Graph once = new Graph(nodes, List.of(new Edge("a", "acc", EdgeKind.LEAF), new Edge("acc", "mul", EdgeKind.INPUT),
        new Edge("mul", "y", EdgeKind.OUTPUT)), List.of("y"));

    assertThat(GraphDiff.of(twice, once).edges()).extracting(EdgeDiff::kind)
        .containsExactly(DiffKind.SAME, DiffKind.SAME, DiffKind.REMOVED, DiffKind.SAME);
  }
}
