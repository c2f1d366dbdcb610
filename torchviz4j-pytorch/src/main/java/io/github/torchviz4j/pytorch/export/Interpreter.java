package io.github.torchviz4j.pytorch.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.pytorch.Natives;
import io.github.torchviz4j.pytorch.export.ProgramJson.NamedArg;
import io.github.torchviz4j.pytorch.export.ProgramJson.OpNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Argument;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Dispatcher;
import org.bytedeco.pytorch.FunctionSchema;
import org.bytedeco.pytorch.GenericList;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueOptional;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.ListType;
import org.bytedeco.pytorch.OperatorHandle;
import org.bytedeco.pytorch.OperatorHandleOptional;
import org.bytedeco.pytorch.OperatorName;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Type;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Runs an exported program's graph node by node on libtorch: ATen targets through the dispatcher
 * (boxed calls, arguments placed by the operator's schema, missing ones from its defaults), symbolic
 * arithmetic ({@code _operator.*}, {@code torch.sym_*}) in Java. Autograd records every op, so the
 * outputs carry the real autograd graph. Every target is resolved before anything runs. Not
 * thread-safe; one run at a time.
 */
final class Interpreter {
  private static final String OPS = "torch.ops.";

  private final String where;
  private final List<Step> steps;

  private Interpreter(String where, List<Step> steps) {
    this.where = where;
    this.steps = steps;
  }

  /**
   * One module span of a run: the autograd sequence numbers {@code [first, end)} created by one
   * node, in the module that ran it.
   *
   * @param first {@code torch.peek()} before the node ran
   * @param end {@code torch.peek()} after it ran
   * @param node the node
   */
  record Span(long first, long end, OpNode node) {}

  /** A resolved node. */
  private sealed interface Step permits AtenStep, SymStep {
    OpNode node();
  }

  /**
   * A dispatcher call.
   *
   * @param handle the operator
   * @param arguments per schema argument: the serialized value, or null to use the default
   * @param defaults per schema argument: the default, or null
   * @param types per schema argument: its type
   */
  private record AtenStep(OpNode node, OperatorHandle handle, List<@Nullable JsonNode> arguments,
      List<@Nullable IValue> defaults, List<Type> types) implements Step {}

  /** Symbolic arithmetic computed in Java. */
  private record SymStep(OpNode node, String op) implements Step {}

  /** The symbolic operators computed in Java, by target. */
  private static final Map<String, String> SYM_OPS = symOps();

  private static Map<String, String> symOps() {
    Map<String, String> ops = new HashMap<>();
    for (String op : List.of("add", "sub", "mul", "floordiv", "truediv", "mod", "pow", "neg", "eq", "ne", "lt", "le",
        "gt", "ge", "and_", "or_", "not_", "abs", "pos")) {
      ops.put("_operator." + op, op);
    }
    for (String op : List.of("sym_not", "sym_max", "sym_min", "sym_float", "sym_int", "sym_sqrt", "sym_ite")) {
      ops.put("torch." + op, op);
    }
    ops.put("math.ceil", "ceil");
    ops.put("math.floor", "floor");
    ops.put("math.trunc", "trunc");
    ops.put("math.sqrt", "sym_sqrt");
    return Map.copyOf(ops);
  }

  /**
   * Resolves every node's target against libtorch's dispatcher.
   *
   * @param program the program
   * @param where the archive, for messages
   * @return the interpreter
   * @throws Torchviz4jException naming the first node whose target cannot run
   */
  static Interpreter prepare(ProgramJson program, String where) {
    Natives.load();
    List<Step> steps = new ArrayList<>();
    for (OpNode node : program.nodes()) {
      steps.add(resolve(node, where));
    }
    return new Interpreter(where, steps);
  }

  /** @return the distinct targets of the program, in first-use order */
  List<String> targets() {
    return steps.stream().map(step -> step.node().target()).distinct().toList();
  }

  private static Step resolve(OpNode node, String where) {
    String target = node.target();
    String sym = SYM_OPS.get(target);
    if (sym != null) {
      return new SymStep(node, sym);
    }
    if (!target.startsWith(OPS)) {
      throw cannotRun(node, where, "it is not an operator libtorch knows and not symbolic arithmetic"
          + " this reader computes");
    }
    String[] parts = target.substring(OPS.length()).split("\\.");
    if (parts[0].equals("higher_order")) {
      throw cannotRun(node, where, "it is a higher-order operator (control flow or a wrapped subgraph), which this"
          + " reader does not run; export the model without it (e.g. with torch.export's strict=False and"
          + " plain Python control flow)");
    }
    if (parts.length != 3) {
      throw cannotRun(node, where, "the target is not of the form torch.ops.<namespace>.<op>.<overload>");
    }
    String name = parts[0] + "::" + parts[1];
    String overload = parts[2].equals("default") ? "" : parts[2];
    OperatorHandleOptional found = Dispatcher.singleton().findSchema(new OperatorName(name, overload));
    if (!found.has_value()) {
      throw cannotRun(node, where, "libtorch has no operator " + name + (overload.isEmpty() ? "" : "." + overload)
          + (parts[0].equals("aten") || parts[0].equals("prims")
              ? " (it is newer than libtorch 2.10)"
              : " (a custom operator: its library is not loaded into libtorch)"));
    }
    OperatorHandle handle = new OperatorHandle(found.get());
    FunctionSchema schema = handle.schema();
    Argument arguments = schema.arguments();
    Map<String, JsonNode> given = new HashMap<>();
    for (NamedArg arg : node.inputs()) {
      given.put(arg.name(), arg.arg());
    }
    List<@Nullable JsonNode> values = new ArrayList<>();
    List<@Nullable IValue> defaults = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    for (long i = 0; i < arguments.limit(); i++) {
      Argument argument = arguments.getPointer(i);
      String argName = argument.name().getString();
      Type type = argument.type().get();
      JsonNode value = given.remove(argName);
      IValue fallback = null;
      if (value == null) {
        IValueOptional defaultValue = argument.default_value();
        if (!defaultValue.has_value()) {
          throw cannotRun(node, where, "argument '" + argName + "' of " + schemaText(name, overload)
              + " is neither given nor has a default");
        }
        IValue dv = defaultValue.get();
        // An empty list default comes back as null: build one of the argument's element type.
        fallback = dv == null || dv.isNull() ? emptyList(type) : new IValue(dv);
      } else {
        requireSupported(node, where, argName, value);
      }
      values.add(value);
      defaults.add(fallback);
      types.add(type);
    }
    if (!given.isEmpty()) {
      throw cannotRun(node, where, "arguments " + given.keySet() + " are not in libtorch's schema of "
          + schemaText(name, overload) + " (the operator changed after libtorch 2.10)");
    }
    return new AtenStep(node, handle, values, defaults, types);
  }

  private static String schemaText(String name, String overload) {
    return name + (overload.isEmpty() ? "" : "." + overload);
  }

  private static void requireSupported(OpNode node, String where, String argName, JsonNode arg) {
    String kind = kindOf(arg);
    switch (kind) {
      case "as_none", "as_tensor", "as_tensors", "as_optional_tensor", "as_optional_tensors", "as_int", "as_ints",
          "as_float", "as_floats", "as_bool", "as_bools", "as_string", "as_strings", "as_sym_int", "as_sym_ints",
          "as_sym_float", "as_sym_floats", "as_sym_bool", "as_sym_bools", "as_scalar_type", "as_memory_format",
          "as_layout", "as_device" -> { }
      default -> throw cannotRun(node, where, "argument '" + argName + "' is a " + kind
          + " value, which this reader cannot pass to libtorch");
    }
  }

  private static Torchviz4jException cannotRun(OpNode node, String where, String why) {
    return new Torchviz4jException("cannot run " + where + ": target '" + node.target() + "' of node '" + node.name()
        + "' cannot run: " + why);
  }

  /** @return the name of the one field set in an {@code Argument} union */
  static String kindOf(JsonNode arg) {
    for (Iterator<Map.Entry<String, JsonNode>> it = arg.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isNull()) {
        return field.getKey();
      }
    }
    return "empty";
  }

  /**
   * Runs every node.
   *
   * @param env the placeholders' values by name: tensors, and {@code Long}, {@code Double} or
   *     {@code Boolean} for symbolic and constant inputs; filled with every node's outputs
   * @return one span per node, in run order
   * @throws Torchviz4jException naming the node that failed, with libtorch's message on one line
   */
  List<Span> run(Map<String, Object> env) {
    List<Span> spans = new ArrayList<>(steps.size());
    for (Step step : steps) {
      long first = torch.peek();
      if (step instanceof AtenStep aten) {
        call(aten, env);
      } else {
        SymStep sym = (SymStep) step;
        define(sym.node(), sym.node().outputs().isEmpty() ? null : sym.node().outputs().get(0), symbolic(sym, env), env);
      }
      spans.add(new Span(first, torch.peek(), step.node()));
    }
    return spans;
  }

  private void call(AtenStep step, Map<String, Object> env) {
    OpNode node = step.node();
    IValue[] values = new IValue[step.types().size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode arg = step.arguments().get(i);
      values[i] = arg == null ? new IValue(step.defaults().get(i)) : toIValue(arg, step.types().get(i), env, node);
    }
    IValueVector stack = new IValueVector(values);
    try {
      step.handle().callBoxed(stack);
    } catch (RuntimeException e) {
      throw Natives.failure("running " + where + " failed at node '" + node.name() + "' (" + node.target() + ")", e,
          "check the inputs' shapes and dtypes against what the program expects");
    }
    List<JsonNode> outputs = node.outputs();
    if (outputs.size() == 1 && outputs.get(0).has("as_tensors") && stack.size() == 1) {
      defineList(outputs.get(0).get("as_tensors"), stack.get(0), env);
    } else {
      for (int i = 0; i < outputs.size() && i < stack.size(); i++) {
        define(node, outputs.get(i), value(stack.get(i)), env);
      }
    }
    stack.close();
    for (IValue value : values) {
      value.close();
    }
  }

  /** A returned value as Java holds it: tensors copied out of their container. */
  private static @Nullable Object value(IValue value) {
    if (value.isTensor()) {
      return new Tensor(value.toTensor());
    }
    if (value.isTensorList()) {
      TensorVector list = value.toTensorVector();
      List<Tensor> tensors = new ArrayList<>();
      for (long i = 0; i < list.size(); i++) {
        tensors.add(new Tensor(list.get(i)));
      }
      return tensors;
    }
    if (value.isInt()) {
      return value.toInt();
    }
    if (value.isDouble()) {
      return value.toDouble();
    }
    if (value.isBool()) {
      return value.toBool();
    }
    return null;
  }

  private static void defineList(JsonNode names, IValue list, Map<String, Object> env) {
    Object value = value(list);
    if (value instanceof List<?> tensors) {
      for (int i = 0; i < names.size() && i < tensors.size(); i++) {
        String name = names.get(i).path("name").asText("");
        if (!name.isEmpty()) {
          env.put(name, tensors.get(i));
        }
      }
    }
  }

  private static void define(OpNode node, @Nullable JsonNode output, @Nullable Object value, Map<String, Object> env) {
    if (output == null || value == null) {
      return;
    }
    String kind = kindOf(output);
    if (kind.equals("as_tensors") && value instanceof List<?>) {
      List<?> tensors = (List<?>) value;
      JsonNode names = output.get("as_tensors");
      for (int i = 0; i < names.size() && i < tensors.size(); i++) {
        env.put(names.get(i).path("name").asText(), tensors.get(i));
      }
      return;
    }
    String name = ProgramJson.argumentName(output);
    if (!name.isEmpty()) {
      env.put(name, value);
    }
  }

  private IValue toIValue(JsonNode arg, Type type, Map<String, Object> env, OpNode node) {
    String kind = kindOf(arg);
    JsonNode v = arg.get(kind);
    if (unwrapOptional(type).kind().value == TypeKind.TensorType.value
        && (kind.equals("as_int") || kind.equals("as_float") || kind.equals("as_bool"))) {
      return new IValue(wrappedNumber(v));
    }
    return switch (kind) {
      case "as_none" -> new IValue();
      case "as_tensor" -> new IValue(tensor(v, env, node));
      case "as_optional_tensor" -> v.has("as_tensor") && !v.get("as_tensor").isNull()
          ? new IValue(tensor(v.get("as_tensor"), env, node)) : new IValue();
      case "as_tensors" -> {
        GenericList list = new GenericList(elementType(type, ListType.ofTensors()));
        v.forEach(item -> list.push_back(new IValue(tensor(item, env, node))));
        yield new IValue(list);
      }
      case "as_optional_tensors" -> {
        GenericList list = new GenericList(elementType(type, ListType.ofOptionalTensors()));
        v.forEach(item -> list.push_back(item.has("as_tensor") && !item.get("as_tensor").isNull()
            ? new IValue(tensor(item.get("as_tensor"), env, node)) : new IValue()));
        yield new IValue(list);
      }
      case "as_int" -> number(v.asLong(), type);
      case "as_float" -> new IValue(v.asDouble());
      case "as_bool" -> new IValue(v.asBoolean());
      case "as_string" -> new IValue(v.asText());
      case "as_sym_int" -> number(symbol(v, "as_int", env, node) instanceof Number n ? n.longValue() : 0L, type);
      case "as_sym_float" -> new IValue(((Number) symbol(v, "as_float", env, node)).doubleValue());
      case "as_sym_bool" -> new IValue((Boolean) symbol(v, "as_bool", env, node));
      case "as_ints", "as_sym_ints" -> list(type, ListType.ofInts(), v,
          item -> new IValue(item.isNumber() ? item.asLong() : ((Number) symbol(item, "as_int", env, node)).longValue()));
      case "as_floats", "as_sym_floats" -> list(type, ListType.ofFloats(), v,
          item -> new IValue(item.isNumber() ? item.asDouble()
              : ((Number) symbol(item, "as_float", env, node)).doubleValue()));
      case "as_bools", "as_sym_bools" -> list(type, ListType.ofBools(), v,
          item -> new IValue(item.isBoolean() ? item.asBoolean() : (Boolean) symbol(item, "as_bool", env, node)));
      case "as_strings" -> list(type, ListType.ofStrings(), v, item -> new IValue(item.asText()));
      case "as_scalar_type" -> new IValue(SerdeTypes.scalarType(v.asInt()));
      case "as_memory_format" -> new IValue(SerdeTypes.memoryFormat(v.asInt()));
      case "as_layout" -> new IValue(SerdeTypes.layout(v.asInt()));
      case "as_device" -> new IValue(new Device(v.path("type").asText("cpu")
          + (v.path("index").isIntegralNumber() ? ":" + v.path("index").asInt() : "")));
      default -> throw cannotRun(node, where, "an argument is a " + kind + " value");
    };
  }

  /**
   * A Python number passed where the schema wants a tensor ({@code aten.mul.Tensor(x, 0.5)}): a
   * 0-d tensor marked as a wrapped number, as Python's dispatcher makes it, so that type promotion
   * and autograd (which saves it) behave as in PyTorch.
   */
  private static Tensor wrappedNumber(JsonNode value) {
    Tensor tensor;
    if (value.isBoolean()) {
      tensor = torch.scalar_tensor(new Scalar(value.asBoolean() ? 1L : 0L), new TensorOptions(ScalarType.Bool));
    } else if (value.isIntegralNumber()) {
      tensor = torch.scalar_tensor(new Scalar(value.asLong()), new TensorOptions(ScalarType.Long));
    } else {
      tensor = torch.scalar_tensor(new Scalar(value.asDouble()), new TensorOptions(ScalarType.Double));
    }
    tensor.unsafeGetTensorImpl().set_wrapped_number(true);
    return tensor;
  }

  /** An int where the schema may want a float ({@code float} arguments given as whole numbers). */
  private static IValue number(long value, Type type) {
    Type base = unwrapOptional(type);
    return base.kind().value == TypeKind.FloatType.value ? new IValue((double) value) : new IValue(value);
  }

  private IValue list(Type type, ListType fallback, JsonNode items, java.util.function.Function<JsonNode, IValue> item) {
    GenericList list = new GenericList(elementType(type, fallback));
    for (JsonNode each : items) {
      list.push_back(item.apply(each));
    }
    return new IValue(list);
  }

  private static Type unwrapOptional(Type type) {
    return type.kind().value == TypeKind.OptionalType.value ? type.containedType(0).get() : type;
  }

  private static Type.TypePtr elementType(Type type, ListType fallback) {
    Type base = unwrapOptional(type);
    return base.kind().value == TypeKind.ListType.value ? base.containedType(0) : fallback.getElementType();
  }

  private static IValue emptyList(Type type) {
    Type base = unwrapOptional(type);
    if (base.kind().value != TypeKind.ListType.value) {
      return new IValue();
    }
    return new IValue(new GenericList(base.containedType(0)));
  }

  private Tensor tensor(JsonNode tensorArgument, Map<String, Object> env, OpNode node) {
    String name = tensorArgument.path("name").asText();
    Object value = env.get(name);
    if (value instanceof Tensor tensor) {
      return tensor;
    }
    throw new Torchviz4jException("cannot run " + where + ": node '" + node.name() + "' uses tensor '" + name
        + "', which no earlier node or input defines; the program is malformed, export it again");
  }

  /** A symbolic value: {@code {"as_name": ...}} from the environment, or the literal field. */
  private Object symbol(JsonNode sym, String literal, Map<String, Object> env, OpNode node) {
    if (sym.has(literal) && !sym.get(literal).isNull()) {
      JsonNode value = sym.get(literal);
      return value.isBoolean() ? (Object) value.asBoolean() : value.isIntegralNumber() ? (Object) value.asLong()
          : (Object) value.asDouble();
    }
    String name = sym.path("as_name").asText("");
    Object value = env.get(name);
    if (value == null) {
      throw new Torchviz4jException("cannot run " + where + ": node '" + node.name() + "' uses symbol '" + name
          + "', which no earlier node or input defines; the program is malformed, export it again");
    }
    return value;
  }

  private Object symbolic(SymStep step, Map<String, Object> env) {
    OpNode node = step.node();
    List<Object> args = new ArrayList<>();
    for (NamedArg arg : node.inputs()) {
      JsonNode union = arg.arg();
      String kind = kindOf(union);
      JsonNode v = union.get(kind);
      args.add(switch (kind) {
        case "as_int" -> v.asLong();
        case "as_float" -> v.asDouble();
        case "as_bool" -> v.asBoolean();
        case "as_sym_int" -> symbol(v, "as_int", env, node);
        case "as_sym_float" -> symbol(v, "as_float", env, node);
        case "as_sym_bool" -> symbol(v, "as_bool", env, node);
        default -> throw cannotRun(node, where, "argument '" + arg.name() + "' is a " + kind + " value");
      });
    }
    try {
      return SymbolicOps.apply(step.op(), args);
    } catch (RuntimeException e) {
      throw new Torchviz4jException("running " + where + " failed at node '" + node.name() + "' (" + node.target()
          + "): " + e.getMessage(), e);
    }
  }
}
