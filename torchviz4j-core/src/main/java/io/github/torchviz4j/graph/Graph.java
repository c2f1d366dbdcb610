package io.github.torchviz4j.graph;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An autograd graph as metadata only: no native pointers and no tensor storage, so it outlives the
 * tensors it was captured from. Immutable and thread-safe.
 *
 * <p>Order is meaningful: {@link #outputs()} in the order they were given, and the {@link
 * EdgeKind#INPUT} edges of each function in its {@code next_functions} order (repeated inputs
 * repeat). Writers rely on it to reproduce torchviz's statement order.
 *
 * <pre>{@code
 * Graph g = new Graph(
 *     List.of(Node.tensor("w", "w", List.of(2L)), Node.function("acc", "AccumulateGrad"),
 *             Node.function("sum", "SumBackward0"), Node.tensor("y", "", List.of())),
 *     List.of(new Edge("w", "acc", EdgeKind.LEAF), new Edge("acc", "sum", EdgeKind.INPUT),
 *             new Edge("sum", "y", EdgeKind.OUTPUT)),
 *     List.of("y"));
 * }</pre>
 */
public final class Graph {
  private final List<Node> nodes;
  private final List<Edge> edges;
  private final List<String> outputs;
  private final List<ModuleInfo> modules;
  private final List<String> unusedParameters;
  private final Map<String, Node> nodesById;
  private final Map<String, List<Edge>> edgesByHead;
  private final Map<String, List<Edge>> edgesByTail;
  private final @Nullable BackwardPass backward;

  /**
   * Creates a graph.
   *
   * @param nodes the nodes, ids unique
   * @param edges the edges, between nodes of this graph
   * @param outputs ids of the output tensors, in the order they were given to {@code makeDot}
   * @throws Torchviz4jException if ids repeat or an edge or output names an unknown node
   */
  public Graph(List<Node> nodes, List<Edge> edges, List<String> outputs) {
    this(nodes, edges, outputs, List.of());
  }

  /**
   * Creates a graph of a model whose modules are known.
   *
   * @param nodes the nodes, ids unique
   * @param edges the edges, between nodes of this graph
   * @param outputs ids of the output tensors, in the order they were given to {@code makeDot}
   * @param modules the model's modules that nodes refer to, with their class names where known
   * @throws Torchviz4jException if ids repeat or an edge or output names an unknown node
   */
  public Graph(List<Node> nodes, List<Edge> edges, List<String> outputs, List<ModuleInfo> modules) {
    this(nodes, edges, outputs, modules, List.of());
  }

  /**
   * Creates a graph that also lists the parameters given but not in it.
   *
   * @param nodes the nodes, ids unique
   * @param edges the edges, between nodes of this graph
   * @param outputs ids of the output tensors
   * @param modules the model's modules that nodes refer to
   * @param unusedParameters names of parameters given to the capture that the graph does not
   *     reach: they get no gradient from these outputs
   * @throws Torchviz4jException if ids repeat or an edge or output names an unknown node
   */
  public Graph(List<Node> nodes, List<Edge> edges, List<String> outputs, List<ModuleInfo> modules,
      List<String> unusedParameters) {
    this(nodes, edges, outputs, modules, unusedParameters, null);
  }

  private Graph(List<Node> nodes, List<Edge> edges, List<String> outputs, List<ModuleInfo> modules,
      List<String> unusedParameters, @Nullable BackwardPass backward) {
    this.backward = backward;
    this.unusedParameters = List.copyOf(Checks.notNull(unusedParameters, "unused parameters"));
    this.nodes = List.copyOf(Checks.notNull(nodes, "nodes"));
    this.edges = List.copyOf(Checks.notNull(edges, "edges"));
    this.outputs = List.copyOf(Checks.notNull(outputs, "outputs"));
    this.modules = List.copyOf(Checks.notNull(modules, "modules"));
    this.nodesById = indexNodes(this.nodes);
    this.edgesByHead = new HashMap<>();
    this.edgesByTail = new HashMap<>();
    for (Edge edge : this.edges) {
      requireNode(edge.tail(), "edge tail");
      requireNode(edge.head(), "edge head");
      edgesByHead.computeIfAbsent(edge.head(), k -> new ArrayList<>()).add(edge);
      edgesByTail.computeIfAbsent(edge.tail(), k -> new ArrayList<>()).add(edge);
    }
    for (String output : this.outputs) {
      Checks.check(node(output).kind() == NodeKind.TENSOR,
          "output '" + output + "' is a function node; outputs must be tensor nodes");
    }
  }

  private static Map<String, Node> indexNodes(List<Node> nodes) {
    Map<String, Node> byId = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (byId.putIfAbsent(node.id(), node) != null) {
        throw new Torchviz4jException("duplicate node id '" + node.id() + "'; ids must be unique");
      }
    }
    return byId;
  }

  private void requireNode(String id, String what) {
    if (!nodesById.containsKey(id)) {
      throw new Torchviz4jException(what + " '" + id + "' is not a node of this graph; add the node first");
    }
  }

  /** @return the nodes, in capture order */
  public List<Node> nodes() {
    return nodes;
  }

  /** @return the edges, in capture order */
  public List<Edge> edges() {
    return edges;
  }

  /** @return ids of the output tensors, in the order given */
  public List<String> outputs() {
    return outputs;
  }

  /** @return the model's modules known to this graph, with class names where known */
  public List<ModuleInfo> modules() {
    return modules;
  }

  /**
   * A copy with other nodes (same ids) and modules: how module placement rewrites a graph.
   *
   * @param newNodes the nodes
   * @param newModules the modules
   * @return the copy
   */
  public Graph withNodes(List<Node> newNodes, List<ModuleInfo> newModules) {
    return new Graph(newNodes, edges, outputs, newModules, unusedParameters, backward);
  }

  /**
   * A copy that carries a replayed backward pass of this graph, for drawings that show it
   * ({@code RenderOptions.withShowBackward}).
   *
   * @param pass the pass, naming nodes of this graph; null for none
   * @return the copy
   * @throws Torchviz4jException if the pass names a node this graph lacks
   */
  public Graph withBackward(@Nullable BackwardPass pass) {
    if (pass != null) {
      for (BackwardStep step : pass.steps()) {
        requireNode(step.function(), "backward step");
      }
      for (EdgeGradient gradient : pass.edgeGradients()) {
        requireNode(gradient.tail(), "gradient edge tail");
        requireNode(gradient.head(), "gradient edge head");
      }
    }
    return new Graph(nodes, edges, outputs, modules, unusedParameters, pass);
  }

  /** @return the replayed backward pass this graph carries, or empty (see {@link #withBackward}) */
  public Optional<BackwardPass> backward() {
    return Optional.ofNullable(backward);
  }

  /**
   * The class of a module of this graph.
   *
   * @param path a module path
   * @return its class name, empty when unknown
   */
  public String moduleClassName(String path) {
    return module(path).className();
  }

  /**
   * What the graph knows of a module.
   *
   * @param path a module path
   * @return its entry, or one with an unknown class when the graph lists none
   */
  public ModuleInfo module(String path) {
    return modules.stream().filter(m -> m.path().equals(path)).findFirst().orElse(new ModuleInfo(path, ""));
  }

  /**
   * The memory the graph holds for backward: the bytes of every storage its functions saved,
   * counted once, as PyTorch's {@code saved_tensors_hooks} would count them.
   *
   * @return the sum over the functions, or {@link SavedBytes#NOT_MEASURED} when not measured
   */
  public SavedBytes savedBytes() {
    long total = 0;
    long parameters = 0;
    boolean measured = false;
    for (Node node : nodes) {
      if (node.saved().measured()) {
        measured = true;
        total += node.saved().total();
        parameters += node.saved().parameters();
      }
    }
    return measured ? new SavedBytes(total, parameters) : SavedBytes.NOT_MEASURED;
  }

  /** @return names of parameters given to the capture but not in the graph */
  public List<String> unusedParameters() {
    return unusedParameters;
  }

  /**
   * The node with this id.
   *
   * @param id a node id
   * @return the node
   * @throws Torchviz4jException if there is no such node
   */
  public Node node(String id) {
    requireNode(id, "node");
    return nodesById.get(id);
  }

  /**
   * The edges that end at a node, in order.
   *
   * @param id a node id
   * @return its incoming edges (possibly empty)
   */
  public List<Edge> incoming(String id) {
    return Collections.unmodifiableList(edgesByHead.getOrDefault(id, List.of()));
  }

  /**
   * The edges that start at a node, in order.
   *
   * @param id a node id
   * @return its outgoing edges (possibly empty)
   */
  public List<Edge> outgoing(String id) {
    return Collections.unmodifiableList(edgesByTail.getOrDefault(id, List.of()));
  }

  @Override
  public String toString() {
    return "Graph[" + nodes.size() + " nodes, " + edges.size() + " edges, outputs " + outputs + "]";
  }
}
