package io.github.torchviz4j.layout.elk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.layout.SampleGraphs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainRunsTest {

  @Test
  void aChainIsOneRunFromItsLeafToItsOutput() {
    Graph chain = SampleGraphs.chain(6);
    assertThat(runs(chain, 2)).containsExactly(List.of("x", "f0", "f1", "f2", "f3", "out"));
  }

  @Test
  void runsStopWhereEdgesJoinOrLeave() {
    // Each layer: weight -> AccumulateGrad -> TBackward0 and bias -> AccumulateGrad feed the Addmm,
    // which has three inputs; the ReLU between two Addmms is a run of one, too short to merge.
    Graph mlp = SampleGraphs.mlp(2);
    assertThat(runs(mlp, 2)).containsExactlyInAnyOrder(
        List.of("l0w", "l0accW", "l0t"), List.of("l0b", "l0accB"),
        List.of("l1w", "l1accW", "l1t"), List.of("l1b", "l1accB"),
        List.of("l1relu", "softmax", "out"));
    assertThat(runs(mlp, 3)).containsExactlyInAnyOrder(
        List.of("l0w", "l0accW", "l0t"), List.of("l1w", "l1accW", "l1t"), List.of("l1relu", "softmax", "out"));
  }

  @Test
  void aRunNeverLeavesItsContainer() {
    Graph chain = SampleGraphs.chain(8);
    List<String> containers = new ArrayList<>();
    for (Node node : chain.nodes()) {
      containers.add(List.of("f3", "f4", "f5").contains(node.id()) ? "block" : "root");
    }
    assertThat(runs(chain, containers, 2))
        .containsExactly(List.of("x", "f0", "f1", "f2"), List.of("f3", "f4", "f5"));
  }

  @Test
  void aCycleOfSingleEdgeNodesIsLeftToElk() {
    List<Node> nodes = List.of(Node.function("a", "A"), Node.function("b", "B"), Node.function("c", "C"));
    List<Edge> edges = List.of(new Edge("a", "b", EdgeKind.INPUT), new Edge("b", "c", EdgeKind.INPUT),
        new Edge("c", "a", EdgeKind.INPUT));
    assertThat(runs(new Graph(nodes, edges, List.of()), 2)).isEmpty();
  }

  @Test
  void twoEdgesBetweenTheSameNodesAreNotARun() {
    List<Node> nodes = List.of(Node.function("a", "A"), Node.function("b", "B"), Node.function("c", "C"));
    List<Edge> edges = List.of(new Edge("a", "b", EdgeKind.INPUT), new Edge("b", "c", EdgeKind.INPUT),
        new Edge("b", "c", EdgeKind.SAVED));
    assertThat(runs(new Graph(nodes, edges, List.of()), 2)).isEmpty();
  }

  private static List<List<String>> runs(Graph graph, int minLength) {
    return runs(graph, graph.nodes().stream().map(node -> "root").toList(), minLength);
  }

  private static List<List<String>> runs(Graph graph, List<String> containers, int minLength) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < graph.nodes().size(); i++) {
      index.put(graph.nodes().get(i).id(), i);
    }
    ChainRuns runs = ChainRuns.find(Adjacency.of(graph, index), containers, minLength);
    List<List<String>> ids = new ArrayList<>();
    for (int[] run : runs.runs()) {
      List<String> members = new ArrayList<>();
      for (int member : run) {
        members.add(graph.nodes().get(member).id());
        assertThat(runs.runOf(member)).isEqualTo(ids.size());
      }
      ids.add(members);
    }
    return ids;
  }
}
