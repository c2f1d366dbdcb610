package io.github.torchviz4j.pytorch.internal;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.BackwardStep;
import io.github.torchviz4j.graph.BackwardTrace;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeGradient;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.graph.Graph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.EdgeVector;
import org.bytedeco.pytorch.InputMetadata;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Replays libtorch's backward pass one function at a time, calling each backward function's own
 * {@code apply}, and records what flows along every edge.
 *
 * <p>It follows the engine ({@code torch/csrc/autograd/engine.cpp}): a function runs once every
 * edge into it from the reachable graph has delivered; among the ready functions the one with the
 * highest sequence number runs first (AccumulateGrad, whose number is UINT64_MAX, as soon as it is
 * ready); gradients reaching one input along several edges are summed; a gradient whose shape
 * differs from what the next function expects is reduced to it, as the engine's {@code
 * validate_outputs} does. AccumulateGrad is not called: its input is recorded as what it would add,
 * so the user's {@code .grad} fields stay untouched. Hooks are not run. Single use.
 */
public final class BackwardReplay {
  /** Above this many nodes only norms are recorded, to keep the trace small. */
  public static final int MAX_NODES_WITH_VALUES = 5_000;

  private final AutogradWalker.Capture capture;
  private final int maxValues;
  private final Map<Long, Node> functions = new HashMap<>();
  private final Map<Long, Integer> dependencies = new HashMap<>();
  private final Map<Long, Tensor[]> buffers = new HashMap<>();
  private final Map<String, List<Edge>> incomingByHead = new HashMap<>();

  private BackwardReplay(AutogradWalker.Capture capture, int maxValues) {
    this.capture = capture;
    this.maxValues = maxValues;
    for (Edge edge : capture.graph().edges()) {
      if (edge.kind() == EdgeKind.INPUT || edge.kind() == EdgeKind.LEAF) {
        incomingByHead.computeIfAbsent(edge.head(), head -> new ArrayList<>()).add(edge);
      }
    }
  }

  /**
   * Replays the backward pass from {@code outputs}.
   *
   * @param capture the outputs' graph, captured with {@link AutogradWalker#captureWithIds}
   * @param outputs the tensors the graph was captured from
   * @param gradients the gradient to start from for each output; an empty list means ones
   * @param maxValues record the elements of gradients with at most this many (0: norms only)
   * @return the trace
   * @throws Torchviz4jException if a function's saved tensors were freed, or it fails
   */
  public static BackwardTrace replay(AutogradWalker.Capture capture, List<Tensor> outputs, List<Tensor> gradients,
      int maxValues) {
    Graph graph = capture.graph();
    boolean tooBig = graph.nodes().size() > MAX_NODES_WITH_VALUES && maxValues > 0;
    String note = tooBig
        ? String.format(Locale.ROOT, "values not recorded: the graph has %,d nodes, more than %,d; norms only",
            graph.nodes().size(), MAX_NODES_WITH_VALUES)
        : "";
    try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
      return new BackwardReplay(capture, tooBig ? 0 : maxValues).run(outputs, gradients, note);
    }
  }

  private BackwardTrace run(List<Tensor> outputs, List<Tensor> gradients, String note) {
    List<EdgeGradient> seeds = new ArrayList<>();
    List<Node> roots = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      Tensor output = outputs.get(i);
      Tensor seed = gradients.isEmpty() ? torch.ones_like(output) : gradients.get(i);
      Node root = Functions.gradFn(output).orElse(null);
      if (root == null) {
        continue;
      }
      String rootId = capture.functionIds().get(root.address());
      seeds.add(new EdgeGradient(rootId, capture.graph().outputs().get(i), gradient(seed)));
      discover(root);
      roots.add(root);
      add(root, (int) output.output_nr(), seed);
    }
    return new BackwardTrace(capture.graph(), seeds, execute(roots), note);
  }

  /** Counts, for every reachable function, the edges that lead into it (the engine's dependencies). */
  private void discover(Node root) {
    if (functions.putIfAbsent(root.address(), root) != null) {
      return;
    }
    List<Node> pending = new ArrayList<>(List.of(root));
    while (!pending.isEmpty()) {
      Node function = pending.remove(pending.size() - 1);
      EdgeVector next = function.next_edges();
      for (long i = 0, n = next.size(); i < n; i++) {
        Node target = Functions.target(next.get(i));
        if (target != null) {
          dependencies.merge(target.address(), 1, Integer::sum);
          if (functions.putIfAbsent(target.address(), target) == null) {
            pending.add(target);
          }
        }
      }
    }
  }

  private List<BackwardStep> execute(List<Node> roots) {
    // Higher sequence numbers first; AccumulateGrad's UINT64_MAX reads as -1 in Java, hence unsigned.
    PriorityQueue<Node> ready = new PriorityQueue<>(
        Comparator.comparing(Node::sequence_nr, (a, b) -> Long.compareUnsigned(b, a)));
    for (Node root : roots) {
      if (dependencies.getOrDefault(root.address(), 0) == 0 && !ready.contains(root)) {
        ready.add(root);
      }
    }
    List<BackwardStep> steps = new ArrayList<>();
    while (!ready.isEmpty()) {
      Node function = ready.poll();
      steps.add(step(function, ready));
    }
    return steps;
  }

  private BackwardStep step(Node function, PriorityQueue<Node> ready) {
    String id = capture.functionIds().get(function.address());
    String name = Functions.name(function);
    Tensor[] inputs = buffers.getOrDefault(function.address(), new Tensor[function.num_inputs()]);
    List<Gradient> received = new ArrayList<>();
    for (Tensor input : inputs) {
      received.add(gradient(input));
    }
    if (Functions.isAccumulateGrad(name)) {
      List<EdgeGradient> sent = incomingByHead.getOrDefault(id, List.of()).stream()
          .filter(edge -> edge.kind() == EdgeKind.LEAF)
          .map(edge -> new EdgeGradient(edge.tail(), id, received.isEmpty() ? Gradient.UNDEFINED : received.get(0)))
          .toList();
      return new BackwardStep(id, name, received, sent);
    }
    TensorVector results = apply(function, name, inputs);
    EdgeVector next = function.next_edges();
    List<EdgeGradient> sent = new ArrayList<>();
    for (long i = 0, n = next.size(); i < n; i++) {
      Node target = Functions.target(next.get(i));
      if (target == null) {
        continue;
      }
      int inputNr = next.get(i).input_nr();
      Tensor result = i < results.size() ? reduced(target, inputNr, new Tensor(results.get(i))) : new Tensor();
      sent.add(new EdgeGradient(capture.functionIds().get(target.address()), id, gradient(result)));
      add(target, inputNr, result);
      if (dependencies.merge(target.address(), -1, Integer::sum) == 0) {
        ready.add(target);
      }
    }
    return new BackwardStep(id, name, received, sent);
  }

  private static TensorVector apply(Node function, String name, Tensor[] inputs) {
    TensorVector arguments = new TensorVector();
    for (Tensor input : inputs) {
      arguments.push_back(input == null ? new Tensor() : input);
    }
    try {
      return function.apply(arguments);
    } catch (RuntimeException e) {
      String message = firstLine(e.getMessage());
      if (message.contains("backward through the graph a second time") || message.contains("freed")) {
        throw new Torchviz4jException("cannot replay " + name + ": its saved tensors were freed by backward();"
            + " trace before calling backward(), or keep the graph with backward(gradient, true, false)"
            + " (retain_graph)", e);
      }
      throw new Torchviz4jException("replaying " + name + " failed: " + message, e);
    }
  }

  /** The engine's validate_outputs: a gradient broadcast beyond the input's shape is summed back to it. */
  private static Tensor reduced(Node target, int inputNr, Tensor gradient) {
    if (!gradient.defined() || inputNr >= target.num_inputs()) {
      return gradient;
    }
    InputMetadata metadata = target.input_metadata(inputNr);
    if (!metadata.is_nested_tensor() && !metadata.is_same_shape(gradient) && metadata.is_expandable_to_shape(gradient)) {
      return metadata.reduce_grad(gradient);
    }
    return gradient;
  }

  /** The engine's InputBuffer: gradients for the same input are summed; undefined ones are skipped. */
  private void add(Node function, int inputNr, Tensor gradient) {
    Tensor[] buffer = buffers.computeIfAbsent(function.address(), address -> new Tensor[function.num_inputs()]);
    if (!gradient.defined() || inputNr >= buffer.length) {
      return;
    }
    buffer[inputNr] = buffer[inputNr] == null ? gradient : buffer[inputNr].add(gradient);
  }

  private Gradient gradient(Tensor tensor) {
    if (tensor == null || !tensor.defined()) {
      return Gradient.UNDEFINED;
    }
    Tensor asDouble = tensor.detach().to(torch.ScalarType.Double);
    double norm = asDouble.norm().item_double();
    List<Double> values = new ArrayList<>();
    if (tensor.numel() <= maxValues && tensor.device().is_cpu()) {
      Tensor flat = asDouble.flatten();
      for (long i = 0, n = flat.numel(); i < n; i++) {
        values.add(flat.select(0, i).item_double());
      }
    }
    return new Gradient(true, Tensors.shape(tensor), dtypeName(tensor), norm, values);
  }

  /** PyTorch's Python name of the element type ({@code float32}), from c10's own table. */
  private static String dtypeName(Tensor tensor) {
    return torch.getDtypeNames(tensor.scalar_type()).first().getString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
