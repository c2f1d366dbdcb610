package io.github.torchviz4j.pytorch.internal;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.jspecify.annotations.Nullable;
import org.bytedeco.pytorch.EdgeVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;

/**
 * Walks libtorch's autograd graph from some output tensors and records it as a {@link Graph}.
 *
 * <p>Functions are identified by their native {@code Node*} and tensors by their {@code
 * TensorImpl*}, as torchviz identifies them by Python object. The walk is iterative and every
 * JavaCPP wrapper it creates lives in a {@link PointerScope} closed before it returns, so the graph
 * holds no native pointer. Single use.
 */
public final class AutogradWalker {
  private final Map<Long, String> parameterNames;
  private final boolean showSaved;
  private final boolean showAttrs;
  private final int maxNodes;
  private final @Nullable SavedStorages savedStorages;
  private final Map<Long, String> functionIds = new HashMap<>();
  private final Map<Long, String> tensorIds = new HashMap<>();
  private final Functions.Names names = new Functions.Names();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  private AutogradWalker(Map<Long, String> parameterNames, boolean showSaved, boolean showAttrs, int maxNodes,
      @Nullable SavedStorages savedStorages) {
    this.parameterNames = parameterNames;
    this.savedStorages = savedStorages;
    this.showSaved = showSaved;
    this.showAttrs = showAttrs;
    this.maxNodes = maxNodes;
  }

  /**
   * Captures the graph behind {@code outputs}.
   *
   * @param outputs defined tensors, drawn as green output nodes
   * @param parameters names for leaf tensors, by tensor; the first entry wins for the same tensor
   * @param showSaved record the tensors each function saved, as {@link EdgeKind#SAVED} edges
   * @param showAttrs record each function's saved attributes
   * @param showMemory measure the bytes each function saved for backward ({@link Node#saved()})
   * @param maxNodes refuse graphs with more nodes than this
   * @return the graph
   * @throws Torchviz4jException if the graph has more than {@code maxNodes} nodes or does not fit
   *     in the heap
   */
  public static Graph capture(List<Tensor> outputs, Map<String, Tensor> parameters, boolean showSaved,
      boolean showAttrs, boolean showMemory, int maxNodes) {
    return captureWithIds(outputs, parameters, showSaved, showAttrs, showMemory, maxNodes).graph();
  }

  /**
   * A captured graph with the node id of each backward function, by its native {@code Node*}.
   *
   * @param graph the graph
   * @param functionIds node ids by function address, valid while the outputs keep the graph alive
   */
  public record Capture(Graph graph, Map<Long, String> functionIds) {}

  /**
   * Captures the graph behind {@code outputs} and says which node each function became.
   *
   * @param outputs defined tensors, drawn as green output nodes
   * @param parameters names for leaf tensors, by tensor
   * @param showSaved record saved tensors
   * @param showAttrs record saved attributes
   * @param showMemory measure each function's saved bytes
   * @param maxNodes refuse graphs with more nodes than this
   * @return the graph and the function ids
   * @throws Torchviz4jException as {@link #capture}
   */
  public static Capture captureWithIds(List<Tensor> outputs, Map<String, Tensor> parameters, boolean showSaved,
      boolean showAttrs, boolean showMemory, int maxNodes) {
    try (PointerScope scope = new PointerScope()) {
      SavedStorages storages = showMemory ? SavedStorages.of(parameters.values()) : null;
      AutogradWalker walker = new AutogradWalker(namesByTensor(parameters), showSaved, showAttrs, maxNodes, storages);
      List<String> outputIds = new ArrayList<>();
      for (Tensor output : outputs) {
        outputIds.add(walker.addTensor(output));
      }
      return new Capture(new Graph(walker.nodes, walker.edges, outputIds), Map.copyOf(walker.functionIds));
    } catch (OutOfMemoryError e) {
      // The walker's lists are unreachable now, so the heap is free again for the message.
      throw new Torchviz4jException("the autograd graph does not fit in the Java heap (" + e.getMessage()
          + "); draw a smaller part of the model, or give the JVM more heap with -Xmx", e);
    }
  }

  private static Map<Long, String> namesByTensor(Map<String, Tensor> parameters) {
    Map<Long, String> names = new HashMap<>();
    parameters.forEach((name, tensor) -> names.putIfAbsent(Tensors.identity(tensor), name));
    return names;
  }

  /** torchviz's add_base_tensor: the tensor, its grad_fn's subgraph, and the base of a view. */
  private String addTensor(TensorBase tensor) {
    long identity = Tensors.identity(tensor);
    String known = tensorIds.get(identity);
    if (known != null) {
      return known;
    }
    String id = newTensorNode(identity, Tensors.shape(tensor));
    Optional<org.bytedeco.pytorch.Node> gradFn = Functions.gradFn(tensor);
    if (gradFn.isPresent()) {
      edges.add(new Edge(walk(gradFn.get()), id, EdgeKind.OUTPUT));
    }
    if (tensor.is_view()) {
      edges.add(new Edge(addTensor(tensor._base()), id, EdgeKind.VIEW));
    }
    return id;
  }

  private String newTensorNode(long identity, List<Long> shape) {
    String id = newId();
    tensorIds.put(identity, id);
    nodes.add(Node.tensor(id, parameterNames.getOrDefault(identity, ""), shape));
    return id;
  }

  /** Records every function reachable from {@code root}, depth first, without recursion. */
  private String walk(org.bytedeco.pytorch.Node root) {
    String rootId = functionIds.get(root.address());
    if (rootId != null) {
      return rootId;
    }
    rootId = newFunctionNode(root);
    Deque<org.bytedeco.pytorch.Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      org.bytedeco.pytorch.Node function = pending.pop();
      String functionId = functionIds.get(function.address());
      EdgeVector nextEdges = function.next_edges();
      for (long i = 0, n = nextEdges.size(); i < n; i++) {
        org.bytedeco.pytorch.Edge next = nextEdges.get(i);
        org.bytedeco.pytorch.Node input = Functions.target(next);
        if (input == null) {
          continue;
        }
        String inputId = functionIds.get(input.address());
        if (inputId == null) {
          inputId = newFunctionNode(input);
          pending.push(input);
        }
        List<Long> shape = Functions.inputShape(input, next.input_nr());
        edges.add(new Edge(inputId, functionId, EdgeKind.INPUT, "", shape));
      }
    }
    return rootId;
  }

  private String newFunctionNode(org.bytedeco.pytorch.Node function) {
    String id = newId();
    functionIds.put(function.address(), id);
    String name = names.of(function);
    boolean memory = savedStorages != null && !Functions.isAccumulateGrad(name);
    // Classes PyTorch did not generate have no field table: their saved state is not read.
    List<SavedFields.Field> fields = showSaved || showAttrs ? SavedFields.of(name) : null;
    // compiled_args is read once, for the saved state and the memory alike.
    CompiledArgs args = fields != null || memory ? CompiledArgs.of(function) : null;
    SavedState saved = fields == null ? SavedState.NONE : SavedState.read(fields, args);
    Node node = Node.function(id, name, showAttrs ? saved.attributes() : List.of())
        .withSequenceNr(Functions.sequenceNr(function));
    if (memory) {
      node = node.withSaved(savedStorages.firstSavedBy(args));
    }
    nodes.add(node);
    if (showSaved) {
      for (SavedState.SavedTensor tensor : saved.tensors()) {
        edges.add(new Edge(id, savedTensorNode(tensor), EdgeKind.SAVED, tensor.name()));
      }
    }
    if (Functions.isAccumulateGrad(name)) {
      addLeaf(function, id);
    }
    return id;
  }

  /** Saved tensors keep torchviz's identity: the same tensor as a leaf or another saved one is one node. */
  private String savedTensorNode(SavedState.SavedTensor saved) {
    if (saved.tensor().isEmpty()) {
      String id = newId();
      nodes.add(Node.freedTensor(id));
      return id;
    }
    Tensor tensor = saved.tensor().get();
    long identity = Tensors.identity(tensor);
    String known = tensorIds.get(identity);
    return known != null ? known : newTensorNode(identity, Tensors.shape(tensor));
  }

  /** The variable behind an AccumulateGrad, torchviz's {@code fn.variable}. */
  private void addLeaf(org.bytedeco.pytorch.Node accumulateGrad, String accumulateGradId) {
    Optional<Tensor> variable = Functions.accumulatedVariable(accumulateGrad);
    String leafId;
    if (variable.isPresent()) {
      long identity = Tensors.identity(variable.get());
      String known = tensorIds.get(identity);
      leafId = known != null ? known : newTensorNode(identity, Tensors.shape(variable.get()));
    } else {
      leafId = newId();
      nodes.add(Node.tensor(leafId, "", Functions.inputShape(accumulateGrad, 0)));
    }
    edges.add(new Edge(leafId, accumulateGradId, EdgeKind.LEAF));
  }

  private String newId() {
    if (nodes.size() >= maxNodes) {
      throw new Torchviz4jException("the autograd graph has more than " + maxNodes + " nodes, the limit set by"
          + " MakeDotOptions.maxNodes; raise it (each node takes about 0.5 KB of heap) or draw a smaller part of"
          + " the model");
    }
    return "n" + nodes.size();
  }

}
