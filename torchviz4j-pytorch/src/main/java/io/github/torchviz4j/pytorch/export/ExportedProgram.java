package io.github.torchviz4j.pytorch.export;

import io.github.torchviz4j.pytorch.internal.IValues;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.Natives;
import io.github.torchviz4j.pytorch.export.ProgramJson.InputKind;
import io.github.torchviz4j.pytorch.export.ProgramJson.InputSlot;
import io.github.torchviz4j.pytorch.export.ProgramJson.OutputKind;
import io.github.torchviz4j.pytorch.export.ProgramJson.OutputSlot;
import io.github.torchviz4j.pytorch.export.ProgramJson.Payload;
import io.github.torchviz4j.pytorch.export.ProgramJson.TensorMeta;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.ByteVector;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.jspecify.annotations.Nullable;

/**
 * A {@code torch.export} archive ({@code .pt2}, PyTorch 2.8+ layout), loaded to be run with autograd
 * on libtorch and drawn:
 *
 * <pre>{@code
 * try (ExportedProgram program = ExportedProgram.load(Path.of("model.pt2"))) {
 *   program.makeDot(program.sampleInputs(), MakeDotOptions.defaults()).save(Path.of("model.svg"));
 *   Digraph forward = Digraph.of(program.forwardGraph());   // what Netron shows
 * }
 * }</pre>
 *
 * <p>Loading reads the archive in plain Java; the weights are rebuilt and every target resolved
 * against libtorch's dispatcher on the first run, before any node runs. Not thread-safe: runs
 * update buffers (batch norm statistics) as PyTorch does. Tensors it returns stay valid after
 * {@link #close()}.
 */
public final class ExportedProgram implements AutoCloseable {
  private final Path path;
  private final String modelName;
  private final Pt2Archive archive;
  private final ProgramJson program;
  private final Map<String, Payload> weights;
  private final Map<String, Payload> constants;
  private final List<ProgramInput> inputs;
  private @Nullable Interpreter interpreter;
  private @Nullable Map<String, Tensor> state;

  private ExportedProgram(Path path, String modelName, Pt2Archive archive, ProgramJson program,
      Map<String, Payload> weights, Map<String, Payload> constants) {
    this.path = path;
    this.modelName = modelName;
    this.archive = archive;
    this.program = program;
    this.weights = weights;
    this.constants = constants;
    this.inputs = describeInputs(program);
  }

  /**
   * Loads an archive written by {@code torch.export.save} (PyTorch 2.8 or later).
   *
   * @param path the {@code .pt2} file
   * @return the program
   * @throws Torchviz4jException if the file is missing, not a zip, damaged, not a {@code .pt2}, an
   *     AOTInductor package, in the pre-2.8 layout, has malformed JSON, a schema version this reader
   *     does not support, or misses weight entries
   */
  public static ExportedProgram load(Path path) {
    Checks.notNull(path, "program path");
    Pt2Archive archive = Pt2Archive.open(path);
    try {
      List<String> models = archive.models();
      if (models.isEmpty()) {
        throw new Torchviz4jException(Pt2Archive.what(path) + "it holds no exported program (models/<name>.json);"
            + " save one with torch.export.save");
      }
      String name = models.contains("model") ? "model" : models.get(0);
      if (models.size() > 1 && !models.contains("model")) {
        throw new Torchviz4jException(Pt2Archive.what(path) + "it holds several programs " + models
            + " and none is called 'model'; save one program per archive");
      }
      String where = "'" + path + "' models/" + name + ".json";
      ProgramJson program = ProgramJson.parse(archive.bytes("models/" + name + ".json"), where);
      Map<String, Payload> weights = payloads(archive, "data/weights/" + name + "_weights_config.json");
      Map<String, Payload> constants = payloads(archive, "data/constants/" + name + "_constants_config.json");
      requirePayloads(path, archive, program, weights, constants);
      return new ExportedProgram(path, name, archive, program, weights, constants);
    } catch (RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  /**
   * Whether a file is meant as a {@code torch.export} archive: its name ends with {@code .pt2}, or
   * it is a zip with an {@code archive_format} entry. Cheap; never throws; needs no libtorch.
   *
   * @param path a model file
   * @return true to load it with {@link #load(Path)}
   */
  public static boolean isArchive(Path path) {
    Checks.notNull(path, "program path");
    return Pt2Archive.looksLikePt2(path);
  }

  private static Map<String, Payload> payloads(Pt2Archive archive, String entry) {
    byte[] bytes = archive.bytesIfPresent(entry);
    return bytes == null ? Map.of() : ProgramJson.payloads(bytes, "'" + archive.path() + "' " + entry);
  }

  /** Every parameter, buffer and tensor constant the signature names must be stored, with its bytes. */
  private static void requirePayloads(Path path, Pt2Archive archive, ProgramJson program, Map<String, Payload> weights,
      Map<String, Payload> constants) {
    for (InputSlot slot : program.inputs()) {
      boolean weight = slot.kind() == InputKind.PARAMETER || slot.kind() == InputKind.BUFFER;
      if (!weight && slot.kind() != InputKind.TENSOR_CONSTANT) {
        continue;
      }
      Payload payload = weight ? weights.get(slot.target()) : constants.get(slot.target());
      if (payload == null) {
        if (slot.kind() == InputKind.BUFFER || slot.kind() == InputKind.TENSOR_CONSTANT) {
          // Non-persistent buffers and constants may be stored with the other kind.
          payload = weights.getOrDefault(slot.target(), constants.get(slot.target()));
        }
      }
      String folder = weights.containsValue(payload) ? "data/weights/" : "data/constants/";
      if (payload == null || !archive.has(folder + payload.pathName())) {
        throw new Torchviz4jException(Pt2Archive.what(path) + "the weights of " + slot.kind().name().toLowerCase(
            java.util.Locale.ROOT).replace('_', ' ') + " '" + slot.target() + "' are missing ("
            + (payload == null ? "not in the weights config" : "no entry " + folder + payload.pathName())
            + "); the archive is incomplete, export it again");
      }
    }
  }

  private static List<ProgramInput> describeInputs(ProgramJson program) {
    List<ProgramInput> list = new ArrayList<>();
    for (InputSlot slot : program.inputs()) {
      ProgramInput.Kind kind = switch (slot.kind()) {
        case USER_INPUT -> ProgramInput.Kind.USER_INPUT;
        case PARAMETER -> ProgramInput.Kind.PARAMETER;
        case BUFFER -> ProgramInput.Kind.BUFFER;
        default -> ProgramInput.Kind.CONSTANT;
      };
      TensorMeta meta = program.tensorValues().get(slot.name());
      list.add(new ProgramInput(slot.name(), kind, slot.target(),
          meta == null ? "" : SerdeTypes.dtypeName(meta.dtype()), meta == null ? List.of() : meta.sizes()));
    }
    return List.copyOf(list);
  }

  /** @return the file it was loaded from */
  public Path path() {
    return path;
  }

  /** @return the export schema version it was written with, e.g. {@code 8.20} */
  public String schemaVersion() {
    return program.major() + "." + program.minor();
  }

  /** @return the PyTorch that wrote it, e.g. {@code 2.13.0+cpu} */
  public String torchVersion() {
    return program.torchVersion();
  }

  /** @return the graph's inputs, in placeholder order: parameters, buffers, constants, user inputs */
  public List<ProgramInput> inputs() {
    return inputs;
  }

  /** @return the user inputs that are tensors: one tensor per entry must be passed to {@link #run(List)} */
  public List<ProgramInput> userInputs() {
    return inputs.stream().filter(i -> i.kind() == ProgramInput.Kind.USER_INPUT && !i.dtype().isEmpty()).toList();
  }

  /** @return the distinct targets of the graph's nodes, in first-use order ({@code torch.ops.aten.linear.default}) */
  public List<String> targets() {
    return program.nodes().stream().map(ProgramJson.OpNode::target).distinct().toList();
  }

  /** @return the number of op nodes in the graph */
  public int nodeCount() {
    return program.nodes().size();
  }

  ProgramJson program() {
    return program;
  }

  /**
   * The forward arguments stored with the archive ({@code data/sample_inputs/}, what
   * {@code torch.export.export} was called with).
   *
   * @return one tensor per tensor user input
   * @throws Torchviz4jException if the archive has none, or they are not tensors
   */
  public List<Tensor> sampleInputs() {
    String entry = "data/sample_inputs/" + modelName + ".pt";
    byte[] bytes = archive.bytesIfPresent(entry);
    if (bytes == null) {
      throw new Torchviz4jException("'" + path + "' has no sample inputs (" + entry + "); give the inputs explicitly"
          + " (saved with torch.save)");
    }
    Natives.load();
    IValue value;
    try {
      value = torch.pickle_load(new ByteVector(bytes));
    } catch (RuntimeException e) {
      throw Natives.failure("cannot read the sample inputs of '" + path + "'", e,
          "give the inputs explicitly (saved with torch.save)");
    }
    List<Tensor> tensors = IValues.tensors(value);
    Reference.reachabilityFence(value);
    return tensors;
  }

  /**
   * The parameters, rebuilt from the archive as leaf tensors that require grad.
   *
   * @return dotted name to tensor, in signature order; the same tensors on every call
   */
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> all = state();
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (InputSlot slot : program.inputs()) {
      if (slot.kind() == InputKind.PARAMETER) {
        params.putIfAbsent(slot.target(), all.get(slot.target()));
      }
    }
    return Collections.unmodifiableMap(params);
  }

  /**
   * The buffers (batch norm statistics, ...), rebuilt from the archive; runs update them in place
   * as PyTorch's module does.
   *
   * @return dotted name to tensor, in signature order; the same tensors on every call
   */
  public Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> all = state();
    Map<String, Tensor> buffers = new LinkedHashMap<>();
    for (InputSlot slot : program.inputs()) {
      if (slot.kind() == InputKind.BUFFER) {
        buffers.putIfAbsent(slot.target(), all.get(slot.target()));
      }
    }
    return Collections.unmodifiableMap(buffers);
  }

  private Map<String, Tensor> state() {
    if (state == null) {
      Natives.load();
      Map<String, Tensor> tensors = new HashMap<>();
      for (InputSlot slot : program.inputs()) {
        boolean weight = slot.kind() == InputKind.PARAMETER || slot.kind() == InputKind.BUFFER;
        if (!weight && slot.kind() != InputKind.TENSOR_CONSTANT || tensors.containsKey(slot.target())) {
          continue;
        }
        Payload payload = weight && weights.containsKey(slot.target()) ? weights.get(slot.target())
            : constants.getOrDefault(slot.target(), weights.get(slot.target()));
        String folder = weights.get(slot.target()) == payload ? "data/weights/" : "data/constants/";
        Tensor tensor = Payloads.tensor(archive.bytes(folder + payload.pathName()), payload, slot.target(), "'" + path + "'");
        if (slot.kind() == InputKind.PARAMETER) {
          tensor.requires_grad_(payload.meta() == null || payload.meta().requiresGrad());
        }
        tensors.put(slot.target(), tensor);
      }
      state = tensors;
    }
    return state;
  }

  /**
   * Runs the program once, with autograd, as {@code torch.export.load(f).module()(*inputs)}.
   *
   * @param userInputs one tensor per {@link #userInputs()} entry, in order
   * @return the run: outputs and the graph behind them
   * @throws Torchviz4jException if a target cannot run (before anything runs), the inputs are of the
   *     wrong number, shape or dtype, or an op fails
   */
  public ProgramRun run(List<Tensor> userInputs) {
    Checks.notNull(userInputs, "inputs");
    String where = "'" + path + "'";
    if (interpreter == null) {
      interpreter = Interpreter.prepare(program, where);
    }
    requireInputs(userInputs);
    Map<String, Tensor> tensors = state();
    Map<String, Object> env = new HashMap<>();
    int next = 0;
    for (InputSlot slot : program.inputs()) {
      switch (slot.kind()) {
        case PARAMETER, BUFFER, TENSOR_CONSTANT -> env.put(slot.name(), tensors.get(slot.target()));
        case USER_INPUT -> {
          JsonNode arg = slot.arg();
          String kind = arg == null ? "as_none" : Interpreter.kindOf(arg);
          if (kind.equals("as_tensor")) {
            env.put(slot.name(), userInputs.get(next++));
          } else if (arg != null && !slot.name().isEmpty()) {
            env.put(slot.name(), constant(arg.get(kind)));
          }
        }
        case CONSTANT_INPUT -> {
          if (slot.arg() != null && !slot.name().isEmpty()) {
            JsonNode value = slot.arg();
            Object constant = constant(value.get(Interpreter.kindOf(value)));
            if (constant != null) {
              env.put(slot.name(), constant);
            }
          }
        }
        case CUSTOM_OBJ -> throw new Torchviz4jException("cannot run " + where + ": input '" + slot.name()
            + "' is a custom object (" + slot.target() + "), which this reader cannot rebuild");
        case TOKEN -> env.put(slot.name(), torch.empty(0));
        default -> throw new IllegalStateException(slot.kind().name());
      }
    }
    List<Interpreter.Span> spans = interpreter.run(env);
    applyMutations(env, tensors, userInputs);
    List<Tensor> outputs = new ArrayList<>();
    for (OutputSlot slot : program.outputs()) {
      if (slot.kind() == OutputKind.USER_OUTPUT || slot.kind() == OutputKind.LOSS_OUTPUT) {
        Object value = env.get(ProgramJson.argumentName(slot.arg()));
        if (value instanceof Tensor tensor) {
          outputs.add(tensor);
        }
      }
    }
    if (outputs.isEmpty()) {
      throw new Torchviz4jException("the program in '" + path + "' returns no tensor; there is nothing to draw");
    }
    return new ProgramRun(program, outputs, namedParameters(), spans);
  }

  private static @Nullable Object constant(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isBoolean() ? (Object) value.asBoolean() : value.isIntegralNumber() ? (Object) value.asLong()
        : value.isNumber() ? (Object) value.asDouble() : value.isTextual() ? value.asText() : null;
  }

  /** Functional programs return mutated buffers and inputs; copy them back, as PyTorch's module does. */
  private void applyMutations(Map<String, Object> env, Map<String, Tensor> tensors, List<Tensor> userInputs) {
    try (NoGradGuard guard = new NoGradGuard()) {
      for (OutputSlot slot : program.outputs()) {
        Object value = env.get(ProgramJson.argumentName(slot.arg()));
        Tensor target = switch (slot.kind()) {
          case BUFFER_MUTATION, PARAMETER_MUTATION -> tensors.get(slot.target());
          case USER_INPUT_MUTATION -> userInput(slot.target(), userInputs);
          default -> null;
        };
        if (target != null && value instanceof Tensor tensor
            && target.unsafeGetTensorImpl().address() != tensor.unsafeGetTensorImpl().address()) {
          target.copy_(tensor);
        }
      }
    }
  }

  private @Nullable Tensor userInput(String name, List<Tensor> userInputs) {
    List<ProgramInput> tensors = userInputs();
    for (int i = 0; i < tensors.size(); i++) {
      if (tensors.get(i).name().equals(name)) {
        return userInputs.get(i);
      }
    }
    return null;
  }

  private void requireInputs(List<Tensor> given) {
    List<ProgramInput> expected = userInputs();
    if (given.size() != expected.size()) {
      throw new Torchviz4jException("the program in '" + path + "' takes " + expected.size()
          + (expected.size() == 1 ? " input" : " inputs") + " (" + expected.stream()
              .map(i -> i.name() + ": " + i.describe()).collect(Collectors.joining(", ")) + ") but " + given.size()
          + (given.size() == 1 ? " was" : " were") + " given; give one tensor per input");
    }
    for (int i = 0; i < given.size(); i++) {
      Tensor tensor = Checks.notNull(given.get(i), "input " + i);
      ProgramInput input = expected.get(i);
      Checks.check(!tensor.isNull() && tensor.defined(), "input '" + input.name() + "' is an undefined tensor;"
          + " pass a tensor that holds data");
      long[] sizes = tensor.sizes().vec().get();
      String dtype = SerdeTypes.dtypeName(tensor.scalar_type());
      boolean shapeOk = sizes.length == input.shape().size();
      for (int d = 0; shapeOk && d < sizes.length; d++) {
        long want = input.shape().get(d);
        shapeOk = want < 0 || want == sizes[d];
      }
      if (!shapeOk || !dtype.equals(input.dtype())) {
        String got = dtype + " " + java.util.Arrays.stream(sizes).mapToObj(String::valueOf)
            .collect(Collectors.joining(", ", "(", ")"));
        throw new Torchviz4jException("input '" + input.name() + "' of '" + path + "' must be " + input.describe()
            + " (as exported; s = any size), but a " + got + " tensor was given; give an input of that "
            + (shapeOk ? "dtype" : "shape"));
      }
    }
  }

  /**
   * Runs the program and draws the autograd graph behind its outputs, with module clusters from
   * each op's {@code nn_module_stack}.
   *
   * @param userInputs one tensor per user input
   * @param options what to capture and how to draw
   * @return the graph
   * @throws Torchviz4jException as {@link #run(List)}
   */
  public Digraph makeDot(List<Tensor> userInputs, MakeDotOptions options) {
    Checks.notNull(options, "options");
    return run(userInputs).makeDot(options);
  }

  /**
   * The exported program's own graph, as Netron and Model Explorer show it: one node per op
   * ({@code aten.linear}, ...) with its outputs' shapes and dtypes, the inputs marked as
   * parameter, buffer, constant or user input, and every node placed in the module of its
   * {@code nn_module_stack}. Needs no libtorch and runs nothing.
   *
   * @return the forward graph
   */
  public io.github.torchviz4j.graph.Graph forwardGraph() {
    return ForwardGraph.of(program);
  }

  /** Releases the archive and the rebuilt weights' wrappers; tensors already returned stay valid. */
  @Override
  public void close() {
    archive.close();
  }

  @Override
  public String toString() {
    return "ExportedProgram[" + path + ", " + program.nodes().size() + " nodes]";
  }
}
