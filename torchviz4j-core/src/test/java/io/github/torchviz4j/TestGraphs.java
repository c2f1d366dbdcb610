package io.github.torchviz4j;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Graphs built by hand, shaped like what capture produces. */
public final class TestGraphs {
  private TestGraphs() {}

  /**
   * y = act(w · x) in one module, ids prefixed so that two such graphs can be diffed: leaf w, its
   * AccumulateGrad, MmBackward0, the activation and the output.
   *
   * @param module the module of w and the functions, e.g. {@code layer}
   * @param activation the activation's backward function, e.g. {@code ReluBackward0}
   * @param width the layer's output width
   * @param prefix put before every id
   * @return the graph
   */
  public static Graph oneLayer(String module, String activation, long width, String prefix) {
    List<Node> nodes = List.of(
        Node.tensor(prefix + "y", "", List.of(1L, width)),
        new Node(prefix + "act", NodeKind.FUNCTION, activation, List.of(), List.of(), module, 2),
        new Node(prefix + "mm", NodeKind.FUNCTION, "MmBackward0", List.of(), List.of(), module, 1),
        new Node(prefix + "acc", NodeKind.FUNCTION, "AccumulateGrad", List.of(), List.of(), module, -1),
        Node.tensor(prefix + "w", module + ".weight", List.of(2L, width)).withModulePath(module));
    List<Edge> edges = List.of(
        new Edge(prefix + "w", prefix + "acc", EdgeKind.LEAF),
        new Edge(prefix + "acc", prefix + "mm", EdgeKind.INPUT, "", List.of(2L, width)),
        new Edge(prefix + "mm", prefix + "act", EdgeKind.INPUT, "", List.of(1L, width)),
        new Edge(prefix + "act", prefix + "y", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of(prefix + "y"));
  }

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

  /**
   * Two linear layers in modules "a" and "b.0" with a relu between them: y = b.0(relu(a(x))).
   *
   * @return the graph, without module paths
   * Functions: addmm_a (fed by a.weight via t_a and by a.bias), relu, addmm_b, sum.
   */
  public static Graph twoLayers() {
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

  /**
   * {@link #twoLayers()} with the module paths PyTorch's module placement (in torchviz4j-pytorch,
   * its ModulePlacementTest checks the same paths) gives it from parameter names alone.
   *
   * @return the graph, parameters and their functions in "a" and "b.0", relu and sum in the root
   */
  public static Graph twoLayersPlaced() {
    Map<String, String> paths = Map.ofEntries(
        Map.entry("w_a", "a"), Map.entry("b_a", "a"), Map.entry("accw_a", "a"), Map.entry("accb_a", "a"),
        Map.entry("t_a", "a"), Map.entry("addmm_a", "a"),
        Map.entry("w_b0", "b.0"), Map.entry("b_b0", "b.0"), Map.entry("accw_b0", "b.0"),
        Map.entry("accb_b0", "b.0"), Map.entry("t_b0", "b.0"), Map.entry("addmm_b", "b.0"));
    return placed(paths, List.of(new ModuleInfo("a", ""), new ModuleInfo("b", ""), new ModuleInfo("b.0", "")));
  }

  /**
   * {@link #twoLayers()} placed with two recorded scopes, {@code block} (class Block, sequence
   * numbers 2 to 6) around {@code block.act} (ReLU, 4): the functions in those spans are in the
   * scopes, parameters and their AccumulateGrads in "a" and "b.0", sum in the root.
   *
   * @return the graph with module paths and modules
   */
  public static Graph twoLayersInBlock() {
    Map<String, String> paths = Map.ofEntries(
        Map.entry("w_a", "a"), Map.entry("b_a", "a"), Map.entry("accw_a", "a"), Map.entry("accb_a", "a"),
        Map.entry("t_a", "block"), Map.entry("addmm_a", "block"), Map.entry("relu", "block.act"),
        Map.entry("w_b0", "b.0"), Map.entry("b_b0", "b.0"), Map.entry("accw_b0", "b.0"),
        Map.entry("accb_b0", "b.0"), Map.entry("t_b0", "block"), Map.entry("addmm_b", "block"));
    return placed(paths, List.of(new ModuleInfo("a", ""), new ModuleInfo("b", ""), new ModuleInfo("b.0", ""),
        new ModuleInfo("block", "Block"), new ModuleInfo("block.act", "ReLU")));
  }

  private static Graph placed(Map<String, String> paths, List<ModuleInfo> modules) {
    Graph graph = twoLayers();
    return graph.withNodes(
        graph.nodes().stream().map(n -> n.withModulePath(paths.getOrDefault(n.id(), ""))).toList(), modules);
  }
}
