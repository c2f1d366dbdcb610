package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.BackwardTrace;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.pytorch.internal.TensorNumbers;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.pytorch.internal.AutogradWalker;
import io.github.torchviz4j.pytorch.internal.Parameters;
import io.github.torchviz4j.pytorch.internal.BackwardReplay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;
import org.bytedeco.pytorch.Tensor;

/**
 * Draws the autograd graph of a libtorch computation: the Java counterpart of torchviz's {@code
 * make_dot}. Thread-safe: each call captures on the calling thread and shares no state.
 *
 * <p>Blue boxes are leaf tensors that need gradients (parameters, named from {@code params}), gray
 * boxes are backward functions found through {@code grad_fn}, green boxes are the outputs, where
 * {@code backward()} starts.
 *
 * <pre>{@code
 * LinearImpl layer1 = new LinearImpl(2, 1);
 * Tensor yPred = torch.tanh(layer1.forward(x));
 * Digraph dot = TorchViz.makeDot(yPred, layer1.named_parameters());
 * dot.save(Path.of("neuron.svg"));
 * }</pre>
 */
public final class TorchViz {
  /** Gradients with at most this many elements keep their values in a trace. */
  private static final int DEFAULT_TRACE_VALUES = 16;

  private TorchViz() {}

  /**
   * The graph behind one output, with no parameter names (leaves are drawn unnamed).
   *
   * @param output a defined tensor
   * @return the graph, ready to print or save
   * @throws Torchviz4jException if the output is null or undefined
   */
  public static Digraph makeDot(Tensor output) {
    return makeDot(List.of(Checks.notNull(output, "output tensor")), Map.of(), MakeDotOptions.defaults());
  }

  /**
   * The graph behind one output, naming leaves from a module's parameters.
   *
   * @param output a defined tensor
   * @param params what {@code Module.named_parameters()} returns; a tensor listed under several
   *     names (tied weights) is named by the first, as in Python
   * @return the graph
   * @throws Torchviz4jException if the output or a parameter is null or undefined
   */
  public static Digraph makeDot(Tensor output, StringTensorDict params) {
    return makeDot(output, parameterMap(params));
  }

  /**
   * The graph behind one output, naming leaves from a map of name to tensor.
   *
   * @param output a defined tensor
   * @param params parameter names; tensors not in the graph are ignored, as in torchviz, and a
   *     tensor under several names takes the first in iteration order
   * @return the graph
   * @throws Torchviz4jException if the output or a parameter is null or undefined
   */
  public static Digraph makeDot(Tensor output, Map<String, Tensor> params) {
    return makeDot(List.of(Checks.notNull(output, "output tensor")), params, MakeDotOptions.defaults());
  }

  /**
   * The graph behind several outputs, one green node each, naming leaves from a module's
   * parameters.
   *
   * @param outputs defined tensors
   * @param params what {@code Module.named_parameters()} returns; a tensor listed under several
   *     names (tied weights) is named by the first, as in Python
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Digraph makeDot(List<Tensor> outputs, StringTensorDict params) {
    return makeDot(outputs, params, MakeDotOptions.defaults());
  }

  /**
   * The graph behind several outputs, naming leaves from a module's parameters, with options.
   *
   * <pre>{@code
   * TorchViz.makeDot(List.of(loss), model.named_parameters(),
   *     MakeDotOptions.builder().showAttrs(true).showSaved(true).build());
   * }</pre>
   *
   * @param outputs defined tensors
   * @param params what {@code Module.named_parameters()} returns; a tensor listed under several
   *     names (tied weights) is named by the first, as in Python
   * @param options what to capture and how to draw
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Digraph makeDot(List<Tensor> outputs, StringTensorDict params, MakeDotOptions options) {
    return makeDot(outputs, parameterMap(params), options);
  }

  /**
   * The graph behind several outputs, one green node each.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor; tensors not in the graph are ignored, and a tensor
   *     under several names takes the first in iteration order
   * @param options what to capture and how to draw
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Digraph makeDot(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options) {
    return digraph(capture(outputs, params, options), options);
  }

  /**
   * The graph behind several outputs, naming leaves from a module's parameters and placing
   * backward functions in the modules a recorder saw run.
   *
   * <pre>{@code
   * try (ModuleRecorder modules = TorchViz.recordModules()) {
   *   Tensor y = modules.inModule(model, model.encoder, () -> model.encoder.forward(x));
   *   TorchViz.makeDot(List.of(y), model.named_parameters(), MakeDotOptions.defaults(), modules)
   *       .save(Path.of("modules.svg"));
   * }
   * }</pre>
   *
   * @param outputs defined tensors
   * @param params what {@code Module.named_parameters()} returns
   * @param options what to capture
   * @param modules the module scopes recorded during the forward pass
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Digraph makeDot(List<Tensor> outputs, StringTensorDict params, MakeDotOptions options,
      ModuleRecorder modules) {
    return digraph(capture(outputs, parameterMap(params), options, modules), options);
  }

  /**
   * The graph behind several outputs, placing backward functions in recorded modules.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor; tensors not in the graph are ignored
   * @param options what to capture
   * @param modules the module scopes recorded during the forward pass
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Digraph makeDot(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options,
      ModuleRecorder modules) {
    return digraph(capture(outputs, params, options, modules), options);
  }

  /**
   * torchviz's max_attr_chars is a make_dot argument, and showBackward captures what only a
   * drawing shows: both are handed on to the drawing.
   */
  private static Digraph digraph(Graph graph, MakeDotOptions options) {
    return new Digraph(graph, RenderOptions.defaults().withMaxAttrChars(options.maxAttrChars())
        .withShowBackward(options.showBackward()));
  }

  /**
   * Starts recording module scopes for a capture, on this thread.
   *
   * @return a recorder; close it (try-with-resources) when the capture is done
   */
  public static ModuleRecorder recordModules() {
    return new ModuleRecorder();
  }

  /**
   * Captures the graph behind several outputs as plain data, holding no native memory.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor; a tensor under several names takes the first in
   *     iteration order
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Graph capture(List<Tensor> outputs, Map<String, Tensor> params) {
    return capture(outputs, params, MakeDotOptions.defaults());
  }

  /**
   * Captures the graph behind several outputs as plain data, with the saved tensors and attributes
   * the options ask for.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor; a tensor under several names takes the first in
   *     iteration order
   * @param options what to capture
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Graph capture(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options) {
    return capture(outputs, params, options, List.of(), List.of());
  }

  /**
   * Captures the graph behind several outputs as plain data, placing backward functions in the
   * modules a recorder saw run.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor
   * @param options what to capture
   * @param modules the module scopes recorded during the forward pass
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Graph capture(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options,
      ModuleRecorder modules) {
    return capture(outputs, params, options, Checks.notNull(modules, "module recorder").spans(), List.of());
  }

  /**
   * Captures the graph behind several outputs of a model whose modules are known, as
   * {@link TorchScriptModel#modules()} lists them: module boxes get their classes, and
   * parameter-free modules ({@code relu}, {@code dropout}) their ops where the order shows them.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor
   * @param options what to capture
   * @param modules the model's submodules in definition order, possibly none
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Graph capture(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options,
      List<ModuleInfo> modules) {
    return capture(outputs, params, options, List.of(), Checks.notNull(modules, "modules"));
  }

  private static Graph capture(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options,
      List<ModuleSpan> spans, List<ModuleInfo> modules) {
    Checks.notNull(options, "options");
    requireInputs(outputs, params);
    // A shared (tied) tensor is named once, by its first name, as Python's named_parameters() yields it.
    Map<String, Tensor> named = Parameters.firstNames(params);
    AutogradWalker.Capture captured = AutogradWalker.captureWithIds(new ArrayList<>(outputs), named,
        options.showSaved(), options.showAttrs(), options.showMemory(), options.maxNodes());
    Graph placed = ModulePlacement.place(captured.graph(), spans, modules);
    Graph numbered = options.showGradients() || options.showValues() > 0
        ? withNumbers(placed, outputs, named, options) : placed;
    return options.showBackward() ? withBackward(numbered, captured, outputs) : numbered;
  }

  /** The graph carrying its replayed backward pass, for {@code showBackward}. */
  private static Graph withBackward(Graph graph, AutogradWalker.Capture captured, List<Tensor> outputs) {
    return graph.withBackward(BackwardReplay.replay(captured, outputs, List.of(), DEFAULT_TRACE_VALUES).pass());
  }

  /**
   * Adds values and gradients to the named parameters and the outputs (unnamed leaves get none),
   * and lists the parameters the graph does not reach.
   */
  private static Graph withNumbers(Graph graph, List<Tensor> outputs, Map<String, Tensor> params,
      MakeDotOptions options) {
    Map<String, Tensor> outputsById = new java.util.HashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      outputsById.putIfAbsent(graph.outputs().get(i), outputs.get(i));
    }
    java.util.Set<String> drawn = new java.util.HashSet<>();
    List<io.github.torchviz4j.graph.Node> nodes = new ArrayList<>();
    for (io.github.torchviz4j.graph.Node node : graph.nodes()) {
      Tensor param = node.kind() == NodeKind.TENSOR ? params.get(node.name()) : null;
      if (param != null) {
        drawn.add(node.name());
        nodes.add(node.withData(TensorNumbers.of(param, options.showValues(), options.showGradients())));
      } else if (outputsById.containsKey(node.id())) {
        nodes.add(node.withData(TensorNumbers.of(outputsById.get(node.id()), options.showValues(), false)));
      } else {
        nodes.add(node);
      }
    }
    List<String> unused = options.showGradients()
        ? params.keySet().stream().filter(name -> !drawn.contains(name)).toList()
        : List.of();
    return new Graph(nodes, graph.edges(), graph.outputs(), graph.modules(), unused);
  }

  /**
   * Replays the backward pass behind the outputs, one backward function at a time on libtorch's
   * own code, starting from ones at each output, and records the gradient on every edge. The
   * tensors' {@code .grad} fields are left untouched. Call it before {@code backward()}, or after
   * one that kept the graph ({@code retain_graph}).
   *
   * <pre>{@code
   * BackwardTrace trace = TorchViz.traceBackward(List.of(yPred), model.named_parameters());
   * trace.parameterGradient("layer1.weight").orElseThrow().values();   // [0.42, 0.8399]
   * }</pre>
   *
   * @param outputs defined tensors
   * @param params what {@code Module.named_parameters()} returns
   * @return the trace, with the graph it refers to
   * @throws Torchviz4jException if an output or parameter is undefined, or the graph's saved
   *     tensors were freed by {@code backward()}
   */
  public static BackwardTrace traceBackward(List<Tensor> outputs, StringTensorDict params) {
    return traceBackward(outputs, List.of(), parameterMap(params), DEFAULT_TRACE_VALUES);
  }

  /**
   * Replays the backward pass behind the outputs, as {@link #traceBackward(List, StringTensorDict)}.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor
   * @return the trace
   * @throws Torchviz4jException as {@link #traceBackward(List, StringTensorDict)}
   */
  public static BackwardTrace traceBackward(List<Tensor> outputs, Map<String, Tensor> params) {
    return traceBackward(outputs, List.of(), params, DEFAULT_TRACE_VALUES);
  }

  /**
   * Replays the backward pass from given output gradients, as {@code
   * torch.autograd.backward(outputs, gradients)} would run it.
   *
   * @param outputs defined tensors
   * @param gradients one gradient per output, each shaped like its output; empty for ones
   * @param params parameter names by tensor
   * @param maxValues record the elements of gradients with at most this many (0: norms only);
   *     graphs of more than 5,000 nodes record norms only
   * @return the trace
   * @throws Torchviz4jException as {@link #traceBackward(List, StringTensorDict)}, or if the
   *     gradients do not match the outputs
   */
  public static BackwardTrace traceBackward(List<Tensor> outputs, List<Tensor> gradients, Map<String, Tensor> params,
      int maxValues) {
    requireInputs(outputs, params);
    Checks.notNull(gradients, "gradients");
    Checks.check(maxValues >= 0, "maxValues is " + maxValues + "; use 0 (norms only) or more");
    Checks.check(gradients.isEmpty() || gradients.size() == outputs.size(),
        gradients.size() + " gradients given for " + outputs.size() + " outputs; give one per output, or none");
    for (int i = 0; i < gradients.size(); i++) {
      requireDefined(gradients.get(i), "gradient " + i);
      Checks.check(Arrays.equals(gradients.get(i).sizes().vec().get(), outputs.get(i).sizes().vec().get()),
          "gradient " + i + " does not have the shape of output " + i + "; pass a tensor shaped like the output");
    }
    AutogradWalker.Capture ids = AutogradWalker.captureWithIds(new ArrayList<>(outputs), Parameters.firstNames(params),
        false, false, false, MakeDotOptions.defaults().maxNodes());
    BackwardTrace trace = BackwardReplay.replay(ids, outputs, gradients, maxValues);
    Graph placed = ModulePlacement.place(ids.graph(), List.of());
    return new BackwardTrace(placed, trace.seeds(), trace.steps(), trace.note());
  }

  private static void requireInputs(List<Tensor> outputs, Map<String, Tensor> params) {
    Checks.notNull(outputs, "outputs");
    Checks.notNull(params, "params");
    Checks.check(!outputs.isEmpty(), "no outputs given; pass at least one tensor to draw");
    for (int i = 0; i < outputs.size(); i++) {
      requireDefined(outputs.get(i), "output " + i);
    }
    params.forEach((name, tensor) -> requireDefined(tensor, "parameter '" + name + "'"));
  }

  private static void requireDefined(Tensor tensor, String what) {
    Checks.notNull(tensor, what);
    if (tensor.isNull() || !tensor.defined()) {
      throw new Torchviz4jException(what + " is an undefined tensor; pass a tensor that holds data");
    }
  }

  private static Map<String, Tensor> parameterMap(StringTensorDict params) {
    Checks.notNull(params, "params");
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (long i = 0; i < params.size(); i++) {
      StringTensorDictItem item = params.get(i);
      // The item's tensor points into the dictionary: copy it, as the dictionary may be a temporary.
      map.put(item.key().getString(), new Tensor(item.value()));
    }
    return map;
  }
}
