package io.github.torchviz4j;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.util.List;

/** Graphs built by hand, shaped like what capture produces. */
public final class TestGraphs {
  private TestGraphs() {}

  /**
   * The seed's graph: tanh(addmm(bias, x, weight.t())), ids as in torchviz's canonical DOT.
   *
   * @return the graph
   */
  public static Graph neuron() {
    return new Graph(
        List.of(
            Node.tensor("n0", "", List.of(1L, 1L)),
            Node.function("n1", "TanhBackward0"),
            Node.function("n2", "AddmmBackward0"),
            Node.function("n3", "AccumulateGrad"),
            Node.tensor("n4", "layer1.bias", List.of(1L)),
            Node.function("n5", "TBackward0"),
            Node.function("n6", "AccumulateGrad"),
            Node.tensor("n7", "layer1.weight", List.of(1L, 2L))),
        List.of(
            new Edge("n2", "n1", EdgeKind.INPUT),
            new Edge("n3", "n2", EdgeKind.INPUT),
            new Edge("n4", "n3", EdgeKind.LEAF),
            new Edge("n5", "n2", EdgeKind.INPUT),
            new Edge("n6", "n5", EdgeKind.INPUT),
            new Edge("n7", "n6", EdgeKind.LEAF),
            new Edge("n1", "n0", EdgeKind.OUTPUT)),
        List.of("n0"));
  }
}
