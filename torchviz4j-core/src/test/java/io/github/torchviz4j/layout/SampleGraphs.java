package io.github.torchviz4j.layout;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayList;
import java.util.List;

/** Hand-built graphs shared by the layout and render tests. */
public final class SampleGraphs {
  /** A name with XML specials, a quote, non-ASCII (one glyph DejaVu Sans Mono lacks) and a newline. */
  public static final String AWKWARD_NAME = "w<1>&\"é\"中\nnext";

  private SampleGraphs() {}

  /**
   * The seed: {@code tanh(Linear(2, 1)(x))} as torchviz draws it.
   *
   * @return 8 nodes, 7 edges
   */
  public static Graph seed() {
    return new Graph(
        List.of(
            Node.tensor("out", "", List.of(1L, 1L)),
            Node.function("tanh", "TanhBackward0"),
            Node.function("addmm", "AddmmBackward0"),
            Node.function("accB", "AccumulateGrad"),
            Node.tensor("bias", "layer1.bias", List.of(1L)),
            Node.function("t", "TBackward0"),
            Node.function("accW", "AccumulateGrad"),
            Node.tensor("weight", "layer1.weight", List.of(1L, 2L))),
        List.of(
            new Edge("bias", "accB", EdgeKind.LEAF),
            new Edge("accB", "addmm", EdgeKind.INPUT),
            new Edge("weight", "accW", EdgeKind.LEAF),
            new Edge("accW", "t", EdgeKind.INPUT),
            new Edge("t", "addmm", EdgeKind.INPUT),
            new Edge("addmm", "tanh", EdgeKind.INPUT),
            new Edge("tanh", "out", EdgeKind.OUTPUT)),
        List.of("out"));
  }

  /**
   * Every kind of edge and node: a VIEW edge (the output is a view), a SAVED edge, a repeated input
   * ({@code a*a}), a 0-d output and a leaf with an awkward name.
   *
   * @return 9 nodes, 10 edges
   */
  public static Graph special() {
    return new Graph(
        List.of(
            Node.tensor("out", "", List.of(24L)),
            Node.function("view", "ViewBackward0"),
            Node.function("mul", "MulBackward0"),
            Node.tensor("saved", "self", List.of(4L, 6L)),
            Node.function("acc", "AccumulateGrad"),
            Node.tensor("w", AWKWARD_NAME, List.of(4L, 6L)),
            Node.tensor("base", "", List.of(4L, 6L)),
            Node.function("sum", "SumBackward0"),
            Node.tensor("loss", "", List.of())),
        List.of(
            new Edge("w", "acc", EdgeKind.LEAF),
            new Edge("acc", "mul", EdgeKind.INPUT),
            new Edge("acc", "mul", EdgeKind.INPUT),
            new Edge("mul", "saved", EdgeKind.SAVED, "self"),
            new Edge("mul", "view", EdgeKind.INPUT),
            new Edge("view", "out", EdgeKind.OUTPUT),
            new Edge("mul", "base", EdgeKind.OUTPUT),
            new Edge("base", "out", EdgeKind.VIEW),
            new Edge("view", "sum", EdgeKind.INPUT),
            new Edge("sum", "loss", EdgeKind.OUTPUT)),
        List.of("out", "loss"));
  }

  /**
   * An MLP of {@code layers} Linear+ReLU layers ending in LogSoftmax: 7 nodes per layer plus 2.
   *
   * @param layers the number of layers
   * @return the graph (30 nodes for 4 layers)
   */
  public static Graph mlp(int layers) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("out", "", List.of(8L, 10L)));
    nodes.add(Node.function("softmax", "LogSoftmaxBackward0"));
    edges.add(new Edge("softmax", "out", EdgeKind.OUTPUT));
    String previous = null;
    for (int i = 0; i < layers; i++) {
      String p = "l" + i;
      long in = 784 >> (2 * i);
      long outSize = 784 >> (2 * i + 2);
      nodes.add(Node.tensor(p + "w", i * 2 + ".weight", List.of(outSize, in)));
      nodes.add(Node.function(p + "accW", "AccumulateGrad"));
      nodes.add(Node.function(p + "t", "TBackward0"));
      nodes.add(Node.tensor(p + "b", i * 2 + ".bias", List.of(outSize)));
      nodes.add(Node.function(p + "accB", "AccumulateGrad"));
      nodes.add(Node.function(p + "addmm", "AddmmBackward0"));
      nodes.add(Node.function(p + "relu", "ReluBackward0"));
      edges.add(new Edge(p + "w", p + "accW", EdgeKind.LEAF));
      edges.add(new Edge(p + "accW", p + "t", EdgeKind.INPUT));
      edges.add(new Edge(p + "b", p + "accB", EdgeKind.LEAF));
      edges.add(new Edge(p + "accB", p + "addmm", EdgeKind.INPUT));
      if (previous != null) {
        edges.add(new Edge(previous, p + "addmm", EdgeKind.INPUT));
      }
      edges.add(new Edge(p + "t", p + "addmm", EdgeKind.INPUT));
      edges.add(new Edge(p + "addmm", p + "relu", EdgeKind.INPUT));
      previous = p + "relu";
    }
    edges.add(new Edge(previous, "softmax", EdgeKind.INPUT));
    return new Graph(nodes, edges, List.of("out"));
  }

  /**
   * A chain like torchviz's big_chain: an unnamed leaf, its AccumulateGrad, then alternating
   * backward functions down to one output.
   *
   * @param nodeCount total number of nodes, at least 3
   * @return the chain
   */
  public static Graph chain(int nodeCount) {
    List<Node> nodes = new ArrayList<>(nodeCount);
    List<Edge> edges = new ArrayList<>(nodeCount);
    nodes.add(Node.tensor("out", "", List.of()));
    nodes.add(Node.tensor("x", "", List.of(16L)));
    nodes.add(Node.function("f0", "AccumulateGrad"));
    edges.add(new Edge("x", "f0", EdgeKind.LEAF));
    String[] names = {"MulBackward0", "AddBackward0", "TanhBackward0"};
    int functions = nodeCount - 2;
    for (int i = 1; i < functions; i++) {
      nodes.add(Node.function("f" + i, i == functions - 1 ? "SumBackward0" : names[i % names.length]));
      edges.add(new Edge("f" + (i - 1), "f" + i, EdgeKind.INPUT));
    }
    edges.add(new Edge("f" + (functions - 1), "out", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("out"));
  }

  /**
   * An unrolled RNN cell: one weight, through its AccumulateGrad and a TBackward0 per step, feeds
   * every step's MmBackward0, which also takes the previous step's TanhBackward0.
   *
   * @param steps the number of steps, at least 1
   * @return the graph: 3 nodes per step plus weight, AccumulateGrad, SumBackward0 and output
   */
  public static Graph sharedWeight(int steps) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("out", "", List.of()));
    nodes.add(Node.function("sum", "SumBackward0"));
    nodes.add(Node.tensor("w", "rnn.weight_hh", List.of(32L, 32L)));
    nodes.add(Node.function("acc", "AccumulateGrad"));
    edges.add(new Edge("w", "acc", EdgeKind.LEAF));
    String previous = null;
    for (int i = 0; i < steps; i++) {
      nodes.add(Node.function("t" + i, "TBackward0"));
      nodes.add(Node.function("mm" + i, "MmBackward0"));
      nodes.add(Node.function("tanh" + i, "TanhBackward0"));
      edges.add(new Edge("acc", "t" + i, EdgeKind.INPUT));
      edges.add(new Edge("t" + i, "mm" + i, EdgeKind.INPUT));
      if (previous != null) {
        edges.add(new Edge(previous, "mm" + i, EdgeKind.INPUT));
      }
      edges.add(new Edge("mm" + i, "tanh" + i, EdgeKind.INPUT));
      previous = "tanh" + i;
    }
    edges.add(new Edge(previous, "sum", EdgeKind.INPUT));
    edges.add(new Edge("sum", "out", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("out"));
  }
}
