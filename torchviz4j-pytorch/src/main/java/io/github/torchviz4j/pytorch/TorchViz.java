package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.ModulePlacement;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.pytorch.internal.TensorNumbers;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.pytorch.internal.AutogradWalker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Module;
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
   * @param params what {@code Module.named_parameters()} returns
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
   * @param params parameter names; tensors not in the graph are ignored, as in torchviz
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
   * @param params what {@code Module.named_parameters()} returns
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
   * @param params what {@code Module.named_parameters()} returns
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
   * @param params parameter names by tensor; tensors not in the graph are ignored
   * @param options what to capture and how to draw
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Digraph makeDot(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options) {
    return new Digraph(capture(outputs, params, options), options.render());
  }

  /**
   * Captures the graph behind several outputs as plain data, holding no native memory.
   *
   * @param outputs defined tensors
   * @param params parameter names by tensor
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
   * @param params parameter names by tensor
   * @param options what to capture
   * @return the graph
   * @throws Torchviz4jException if an output or a parameter is null or undefined
   */
  public static Graph capture(List<Tensor> outputs, Map<String, Tensor> params, MakeDotOptions options) {
    return capture(outputs, params, options, List.of());
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
    Checks.notNull(modules, "modules");
    Checks.notNull(options, "options");
    Checks.notNull(outputs, "outputs");
    Checks.notNull(params, "params");
    Checks.check(!outputs.isEmpty(), "no outputs given; pass at least one tensor to draw");
    for (int i = 0; i < outputs.size(); i++) {
      requireDefined(outputs.get(i), "output " + i);
    }
    params.forEach((name, tensor) -> requireDefined(tensor, "parameter '" + name + "'"));
    Graph graph = AutogradWalker.capture(new ArrayList<>(outputs), params, options.showSaved(), options.showAttrs(),
        options.maxNodes());
    Graph placed = ModulePlacement.place(graph, ModuleScope.recordedOnThisThread(), modules);
    return options.showGradients() || options.showValues() > 0 ? withNumbers(placed, outputs, params, options) : placed;
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
   * Opens a module scope named relative to the enclosing one: functions created until it closes
   * are drawn in that module. Use it in try-with-resources around a module's forward.
   *
   * @param name a dotted module path such as {@code encoder.layers.0}
   * @return the open scope
   */
  public static ModuleScope scope(String name) {
    return ModuleScope.open(name, "");
  }

  /**
   * Opens a module scope that also names the module's class.
   *
   * @param name a dotted module path
   * @param className the module's class, e.g. {@code TransformerEncoderLayer}
   * @return the open scope
   */
  public static ModuleScope scope(String name, String className) {
    return ModuleScope.open(name, className);
  }

  /**
   * Runs a submodule's forward inside a scope named after its registered name in {@code parent}
   * and its class.
   *
   * <pre>{@code
   * Tensor h = TorchViz.inModule(model, model.layer1, () -> model.layer1.forward(x));
   * }</pre>
   *
   * @param parent the module that registered {@code child}
   * @param child the submodule
   * @param forward the call to run
   * @param <T> what the forward returns
   * @return what the forward returned
   * @throws Torchviz4jException if {@code child} is not a direct child of {@code parent}
   */
  public static <T> T inModule(Module parent, Module child, Supplier<T> forward) {
    Checks.notNull(parent, "parent module");
    Checks.notNull(child, "child module");
    Checks.notNull(forward, "forward");
    try (ModuleScope scope = ModuleScope.open(ModuleNames.registeredName(parent, child), ModuleNames.className(child))) {
      return forward.get();
    }
  }

  /** Forgets the module scopes recorded on this thread. */
  public static void clearScopes() {
    ModuleScope.clearThisThread();
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
