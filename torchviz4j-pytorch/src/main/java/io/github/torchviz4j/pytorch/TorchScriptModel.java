package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.pytorch.internal.IValues;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.pytorch.internal.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.bytedeco.pytorch.Argument;
import org.bytedeco.pytorch.FunctionSchema;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.Method;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.NamedJitModule;
import org.bytedeco.pytorch.named_module_iterator;
import org.bytedeco.pytorch.named_module_list;
import org.bytedeco.pytorch.named_parameter_list;
import org.bytedeco.pytorch.named_parameter_iterator;
import org.bytedeco.pytorch.global.torch;

/**
 * A TorchScript model ({@code torch.jit.save} of a traced or scripted module) loaded into
 * libtorch, ready to run and draw:
 *
 * <pre>{@code
 * try (TorchScriptModel model = TorchScriptModel.load(Path.of("model.pt"))) {
 *   List<Tensor> outputs = model.forward(List.of(TensorFiles.load(Path.of("input.pt"))));
 *   TorchViz.makeDot(outputs, model.namedParameters(), MakeDotOptions.defaults()).save(Path.of("model.svg"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: the module's train/eval mode is shared state. Tensors it returns stay valid
 * after {@link #close()}.
 */
public final class TorchScriptModel implements AutoCloseable {
  /** The libtorch release these bindings wrap. */
  private static final String LIBTORCH_VERSION = "2.10";

  private final Path path;
  private final JitModule module;
  private final List<ForwardArgument> arguments;

  private TorchScriptModel(Path path, JitModule module, List<ForwardArgument> arguments) {
    this.path = path;
    this.module = module;
    this.arguments = arguments;
  }

  /**
   * Loads a TorchScript archive, on the CPU.
   *
   * @param path a file written by {@code torch.jit.save} or {@code ScriptModule.save}
   * @return the model, in the train/eval mode it was saved in
   * @throws Torchviz4jException if the file is missing, not a TorchScript archive (e.g. a
   *     {@code torch.save} state dict), written by a PyTorch newer than this libtorch, or has no
   *     {@code forward} method
   * @throws LibtorchUnavailableException if libtorch cannot be loaded
   */
  public static TorchScriptModel load(Path path) {
    Checks.notNull(path, "model path");
    Archives.requireReadableFile(path, "model");
    switch (Archives.kind(path)) {
      case NOT_ZIP -> throw new Torchviz4jException("cannot load model '" + path + "': it is not a TorchScript archive"
          + " (not a zip file); save the model with torch.jit.save(torch.jit.trace(model, x), path)"
          + " or torch.jit.script(model).save(path)");
      case PICKLE -> throw new Torchviz4jException("cannot load model '" + path + "': it is a file saved by"
          + " torch.save (a pickled object such as a tensor or state_dict), not a TorchScript archive;"
          + " save the model with torch.jit.save(torch.jit.trace(model, x), path)");
      case DAMAGED_ZIP -> throw new Torchviz4jException("cannot load model '" + path + "': it is a damaged or"
          + " truncated zip archive; copy or download it again");
      default -> { }
    }
    Natives.load();
    JitModule module;
    try {
      module = torch.load(path.toString());
    } catch (RuntimeException e) {
      throw loadFailure(path, e);
    }
    return new TorchScriptModel(path, module, forwardArguments(path, module));
  }

  private static Torchviz4jException loadFailure(Path path, RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    String what = "cannot load model '" + path + "'";
    if (message.contains("maximum supported version") || message.contains("Unknown builtin op")
        || message.contains("Unknown type name") || message.contains("unknown type")
        || message.contains("version") && message.contains("too old")) {
      return Natives.failure(what, e, "it was probably saved by a newer PyTorch than libtorch "
          + LIBTORCH_VERSION + " reads; save it with PyTorch " + LIBTORCH_VERSION + " or older");
    }
    return Natives.failure(what, e, "check that it is a TorchScript archive (torch.jit.save)");
  }

  private static List<ForwardArgument> forwardArguments(Path path, JitModule module) {
    if (!module.find_method("forward").has_value()) {
      throw new Torchviz4jException("model '" + path + "' has no forward method; save a module with a forward");
    }
    Method forward = module.get_method("forward");
    FunctionSchema schema = forward.function().getSchema();
    long count = forward.num_inputs();
    Argument first = schema.arguments();
    List<ForwardArgument> list = new ArrayList<>();
    for (long i = 1; i < count; i++) {
      Argument argument = first.getPointer(i);
      list.add(new ForwardArgument(argument.name().getString(), argument.type().get().str().getString(),
          argument.default_value().has_value()));
    }
    return List.copyOf(list);
  }

  /** @return the file the model was loaded from */
  public Path path() {
    return path;
  }

  /** @return the arguments of {@code forward}, without {@code self} */
  public List<ForwardArgument> forwardArguments() {
    return arguments;
  }

  /**
   * The module's parameters with dotted names, as Python's {@code dict(model.named_parameters())}:
   * a tensor shared by several submodules (tied weights) appears once, under its first name, where
   * libtorch lists every name.
   *
   * @return name to tensor, in the module's order; a new map on each call
   */
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> params = new LinkedHashMap<>();
    named_parameter_list list = module.named_parameters(true);
    for (named_parameter_iterator it = list.begin(); it.notEquals(list.end()); it = it.increment()) {
      params.put(it.access().name().getString(), new Tensor(it.access().value()));
    }
    return Parameters.firstNames(params);
  }

  /**
   * The model's submodules as the file lists them: dotted path and class, in definition order
   * (the order {@code named_modules()} gives), the root model first with the empty path. Read from each submodule's
   * TorchScript class, {@code __torch__.torchvision.models.resnet.BasicBlock} → {@code BasicBlock}.
   *
   * @return the submodules; a new list on each call
   */
  public List<ModuleInfo> modules() {
    List<ModuleInfo> modules = new ArrayList<>();
    named_module_list list = module.named_modules();
    for (named_module_iterator it = list.begin(); it.notEquals(list.end()); it = it.increment()) {
      NamedJitModule named = it.access();
      String name = named.name() == null ? null : named.name().getString();
      modules.add(new ModuleInfo(name == null ? "" : name, className(named.value().type().str().getString())));
    }
    return List.copyOf(modules);
  }

  /**
   * A TorchScript class name without its module prefix and mangling:
   * {@code __torch__.torch.nn.modules.container.___torch_mangle_3.Sequential} → {@code Sequential}.
   */
  static String className(@Nullable String qualified) {
    if (qualified == null) {
      return "";
    }
    String name = qualified.substring(qualified.lastIndexOf('.') + 1);
    return name.startsWith("___torch_mangle") ? "" : name;
  }

  /** @return whether the module is in train mode (dropout active, batch norm updating) */
  public boolean isTraining() {
    return module.is_training();
  }

  /**
   * Sets train or eval mode on the module and all its submodules ({@code model.train(on)}).
   *
   * @param on true for train mode, false for eval mode
   * @return this model
   */
  public TorchScriptModel train(boolean on) {
    module.train(on);
    return this;
  }

  /**
   * Runs {@code forward} once with the graph executor's optimisation turned off on this thread,
   * so the autograd graph holds op-level backward nodes ({@code AddmmBackward0}, ...) rather than
   * one fused {@code DifferentiableGraphBackward}.
   *
   * <p>libtorch's interpreter recurses deeply on long scripted loops (a 2,000-step loop needs a
   * few MB of stack): run big models on a thread with a large stack.
   *
   * @param inputs one tensor per argument of {@code forward}
   * @return the tensors forward returned: one for a tensor, several for a tuple or list (nested
   *     ones flattened in order); non-tensor values are skipped
   * @throws Torchviz4jException if the number of inputs is wrong, forward fails (libtorch's message
   *     on one line, with the inputs' names, dtypes and shapes), or it returns no tensor
   */
  public List<Tensor> forward(List<Tensor> inputs) {
    Checks.notNull(inputs, "inputs");
    long required = arguments.stream().filter(a -> !a.optional()).count();
    if (inputs.size() < required || inputs.size() > arguments.size()) {
      throw new Torchviz4jException("forward of '" + path + "' takes " + describeArguments() + " but "
          + inputs.size() + (inputs.size() == 1 ? " input was" : " inputs were") + " given; give one input per argument");
    }
    IValue[] values = new IValue[inputs.size()];
    for (int i = 0; i < values.length; i++) {
      Tensor input = Checks.notNull(inputs.get(i), "input " + i);
      Checks.check(!input.isNull() && input.defined(), "input " + i + " is an undefined tensor; pass a tensor that holds data");
      values[i] = new IValue(input);
    }
    boolean optimize = torch.getGraphExecutorOptimize();
    torch.setGraphExecutorOptimize(false);
    IValue output;
    try {
      output = module.forward(new IValueVector(values));
    } catch (RuntimeException e) {
      throw Natives.failure("forward of '" + path + "' failed with " + describeInputs(inputs), e,
          "check the inputs' shapes and dtypes against what the model expects");
    } finally {
      torch.setGraphExecutorOptimize(optimize);
    }
    List<Tensor> tensors = IValues.tensors(output);
    if (tensors.isEmpty()) {
      throw new Torchviz4jException("forward of '" + path + "' returned " + output.tagKind().getString()
          + ", which holds no tensor; there is nothing to draw");
    }
    return tensors;
  }

  private String describeArguments() {
    long required = arguments.stream().filter(a -> !a.optional()).count();
    String count = required == arguments.size() ? String.valueOf(required) : required + " to " + arguments.size();
    return count + (arguments.size() == 1 ? " argument" : " arguments") + " ("
        + arguments.stream().map(ForwardArgument::toString).collect(Collectors.joining(", ")) + ")";
  }

  private String describeInputs(List<Tensor> inputs) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String name = i < arguments.size() ? arguments.get(i).name() : "input " + i;
      parts.add(name + " = " + describe(inputs.get(i)));
    }
    return String.join(", ", parts);
  }

  /**
   * A tensor's dtype and shape as PyTorch prints them, e.g. {@code float32 (3, 5)}.
   *
   * @param tensor a defined tensor
   * @return the description
   */
  static String describe(Tensor tensor) {
    long[] sizes = tensor.sizes().vec().get();
    StringBuilder text = new StringBuilder(dtypeName(tensor)).append(" (");
    for (int i = 0; i < sizes.length; i++) {
      text.append(i == 0 ? "" : ", ").append(sizes[i]);
    }
    return text.append(')').toString();
  }

  private static String dtypeName(Tensor tensor) {
    for (DType type : DType.values()) {
      // The bindings return a new enum instance per call: compare the native values.
      if (type.scalarType().value == tensor.scalar_type().value) {
        return type.pytorchName();
      }
    }
    return tensor.dtype().name().getString();
  }

  /** Releases the native module; tensors already returned stay valid. */
  @Override
  public void close() {
    module.close();
  }

  @Override
  public String toString() {
    return "TorchScriptModel[" + path + "]";
  }
}
