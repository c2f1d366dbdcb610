package io.github.torchviz4j.pytorch.export;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.torchviz4j.Torchviz4jException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a serialized {@code ExportedProgram} ({@code torch/_export/serde/schema.py}) that
 * running and drawing need, read with Jackson's tree model: unknown fields are ignored. Immutable.
 *
 * @param major the schema's major version
 * @param minor the schema's minor version
 * @param torchVersion the PyTorch that wrote it, e.g. {@code 2.13.0+cpu}
 * @param nodes the graph's nodes, in execution order
 * @param inputs the graph signature's input specs, in placeholder order
 * @param outputs the graph signature's output specs, in output order
 * @param tensorValues shape, dtype and strides of every tensor value, by name
 */
record ProgramJson(int major, int minor, String torchVersion, List<OpNode> nodes, List<InputSlot> inputs,
    List<OutputSlot> outputs, Map<String, TensorMeta> tensorValues) {

  /** The schema major version this reader understands ({@code SCHEMA_VERSION} of PyTorch 2.8 to 2.13). */
  static final int SUPPORTED_MAJOR = 8;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  ProgramJson {
    nodes = List.copyOf(nodes);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    tensorValues = Map.copyOf(tensorValues);
  }

  /** What a graph input is. */
  enum InputKind { USER_INPUT, PARAMETER, BUFFER, TENSOR_CONSTANT, CONSTANT_INPUT, CUSTOM_OBJ, TOKEN }

  /** What a graph output is. */
  enum OutputKind { USER_OUTPUT, LOSS_OUTPUT, BUFFER_MUTATION, PARAMETER_MUTATION, USER_INPUT_MUTATION,
    GRADIENT_TO_PARAMETER, GRADIENT_TO_USER_INPUT, TOKEN }

  /**
   * One argument of a node, as the operator's schema names it.
   *
   * @param name the schema's argument name
   * @param arg the serialized {@code Argument} union ({@code {"as_tensor": {...}}})
   */
  record NamedArg(String name, JsonNode arg) {}

  /**
   * A module on a node's {@code nn_module_stack}.
   *
   * @param path dotted path from the root, empty for the root
   * @param className the module's class, with its Python module ({@code torch.nn.modules.linear.Linear})
   */
  record ModuleFrame(String path, String className) {}

  /**
   * One call of an operator.
   *
   * @param name the node's name (its first output's name)
   * @param target e.g. {@code torch.ops.aten.linear.default}
   * @param inputs its serialized arguments
   * @param outputs the serialized {@code Argument}s it defines
   * @param moduleStack the modules it ran in, outermost first
   */
  record OpNode(String name, String target, List<NamedArg> inputs, List<JsonNode> outputs,
      List<ModuleFrame> moduleStack) {
    OpNode {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
      moduleStack = List.copyOf(moduleStack);
    }

    /** @return the innermost module's path, empty for the root */
    String modulePath() {
      return moduleStack.isEmpty() ? "" : moduleStack.get(moduleStack.size() - 1).path();
    }
  }

  /**
   * An input spec of the graph signature.
   *
   * @param kind what it is
   * @param name the graph placeholder's name ({@code p_fc_weight}, {@code x}); empty for a constant
   * @param target the parameter's, buffer's or constant's dotted name, empty for user inputs
   * @param arg the user input's serialized {@code Argument}, or the constant's value
   */
  record InputSlot(InputKind kind, String name, String target, @Nullable JsonNode arg) {}

  /**
   * An output spec of the graph signature.
   *
   * @param kind what it is
   * @param arg the serialized {@code Argument} holding the value
   * @param target the mutated buffer, parameter or user input, empty otherwise
   */
  record OutputSlot(OutputKind kind, JsonNode arg, String target) {}

  /**
   * A tensor's metadata.
   *
   * @param dtype serde {@code ScalarType} number
   * @param sizes sizes; -1 for a symbolic size
   * @param strides strides; -1 for a symbolic stride
   * @param storageOffset offset into the storage; -1 when symbolic
   * @param requiresGrad whether it requires grad
   */
  record TensorMeta(int dtype, List<Long> sizes, List<Long> strides, long storageOffset, boolean requiresGrad) {
    TensorMeta {
      sizes = List.copyOf(sizes);
      strides = List.copyOf(strides);
    }
  }

  /**
   * Parses an exported program.
   *
   * @param bytes the JSON text
   * @param where the entry, for messages (e.g. {@code 'model.pt2' models/model.json})
   * @return the program
   * @throws Torchviz4jException if the JSON is malformed, its schema version is not supported, or a
   *     field the reader needs is missing
   */
  static ProgramJson parse(byte[] bytes, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new Torchviz4jException("malformed JSON in " + where + ": " + e.getOriginalMessage().replaceAll("\\s+", " ")
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
          + "; the archive is damaged, export it again", e);
    } catch (IOException e) {
      throw new Torchviz4jException("cannot read " + where + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw malformed(where, "the document is not a JSON object");
    }
    JsonNode version = root.path("schema_version");
    if (!version.path("major").isInt()) {
      throw malformed(where, "it has no schema_version");
    }
    int major = version.path("major").asInt();
    int minor = version.path("minor").asInt();
    String torch = root.path("torch_version").asText("unknown");
    if (major != SUPPORTED_MAJOR) {
      throw new Torchviz4jException(where + " was written with export schema version " + major + "." + minor
          + " (PyTorch " + torch + "), but this reader supports schema version " + SUPPORTED_MAJOR + ".x"
          + " (PyTorch 2.8 to 2.13); " + (major > SUPPORTED_MAJOR ? "export the model with an older PyTorch"
          : "export the model again with PyTorch 2.8 or later"));
    }
    JsonNode module = require(root, "graph_module", where);
    JsonNode graph = require(module, "graph", where);
    JsonNode signature = require(module, "signature", where);
    return new ProgramJson(major, minor, torch, nodes(require(graph, "nodes", where), where),
        inputs(require(signature, "input_specs", where), where), outputs(require(signature, "output_specs", where), where),
        tensorValues(graph.path("tensor_values")));
  }

  private static List<OpNode> nodes(JsonNode array, String where) {
    List<OpNode> nodes = new ArrayList<>();
    int index = 0;
    for (JsonNode node : array) {
      String target = require(node, "target", where).asText();
      List<NamedArg> inputs = new ArrayList<>();
      for (JsonNode input : node.path("inputs")) {
        inputs.add(new NamedArg(require(input, "name", where).asText(), require(input, "arg", where)));
      }
      List<JsonNode> outputs = new ArrayList<>();
      node.path("outputs").forEach(outputs::add);
      String name = node.path("name").isTextual() ? node.path("name").asText() : firstOutputName(outputs, index);
      String stack = node.path("metadata").path("nn_module_stack").asText("");
      nodes.add(new OpNode(name, target, inputs, outputs, moduleStack(stack)));
      index++;
    }
    return nodes;
  }

  private static String firstOutputName(List<JsonNode> outputs, int index) {
    for (JsonNode output : outputs) {
      String name = output.path("as_tensor").path("name").asText("");
      if (!name.isEmpty()) {
        return name;
      }
    }
    return "node" + index;
  }

  /**
   * Parses {@code nn_module_stack}: entries {@code key,path,type} joined by {@code ;}. The path is
   * what lies between the first and the last comma, normalised from {@code L['self'].a[0]} forms to
   * dotted names.
   */
  static List<ModuleFrame> moduleStack(String text) {
    List<ModuleFrame> frames = new ArrayList<>();
    if (text.isEmpty()) {
      return frames;
    }
    for (String entry : text.split(";")) {
      int first = entry.indexOf(',');
      int last = entry.lastIndexOf(',');
      if (first < 0 || last <= first) {
        continue;
      }
      frames.add(new ModuleFrame(normalisePath(entry.substring(first + 1, last)), entry.substring(last + 1)));
    }
    return frames;
  }

  static String normalisePath(String path) {
    String dotted = path.replaceFirst("^L\\['self'\\]\\.?", "").replaceFirst("^self\\.?", "")
        .replaceAll("\\[['\"]?([^\\]'\"]*)['\"]?\\]", ".$1");
    return dotted.startsWith(".") ? dotted.substring(1) : dotted;
  }

  private static List<InputSlot> inputs(JsonNode array, String where) {
    List<InputSlot> slots = new ArrayList<>();
    for (JsonNode spec : array) {
      Map.Entry<String, JsonNode> only = only(spec, where, "input spec");
      JsonNode value = only.getValue();
      slots.add(switch (only.getKey()) {
        case "user_input" -> new InputSlot(InputKind.USER_INPUT, argumentName(value.path("arg")), "", value.path("arg"));
        case "parameter" -> new InputSlot(InputKind.PARAMETER, value.path("arg").path("name").asText(),
            value.path("parameter_name").asText(), null);
        case "buffer" -> new InputSlot(InputKind.BUFFER, value.path("arg").path("name").asText(),
            value.path("buffer_name").asText(), null);
        case "tensor_constant" -> new InputSlot(InputKind.TENSOR_CONSTANT, value.path("arg").path("name").asText(),
            value.path("tensor_constant_name").asText(), null);
        case "constant_input" -> new InputSlot(InputKind.CONSTANT_INPUT, value.path("name").asText(), "",
            value.path("value"));
        case "custom_obj" -> new InputSlot(InputKind.CUSTOM_OBJ, value.path("arg").path("name").asText(),
            value.path("custom_obj_name").asText(), null);
        case "token" -> new InputSlot(InputKind.TOKEN, value.path("arg").path("name").asText(), "", null);
        default -> throw malformed(where, "unknown input spec '" + only.getKey() + "'");
      });
    }
    return slots;
  }

  private static List<OutputSlot> outputs(JsonNode array, String where) {
    List<OutputSlot> slots = new ArrayList<>();
    for (JsonNode spec : array) {
      Map.Entry<String, JsonNode> only = only(spec, where, "output spec");
      JsonNode value = only.getValue();
      JsonNode arg = value.path("arg");
      OutputKind kind = switch (only.getKey()) {
        case "user_output" -> OutputKind.USER_OUTPUT;
        case "loss_output" -> OutputKind.LOSS_OUTPUT;
        case "buffer_mutation" -> OutputKind.BUFFER_MUTATION;
        case "parameter_mutation" -> OutputKind.PARAMETER_MUTATION;
        case "user_input_mutation" -> OutputKind.USER_INPUT_MUTATION;
        case "gradient_to_parameter" -> OutputKind.GRADIENT_TO_PARAMETER;
        case "gradient_to_user_input" -> OutputKind.GRADIENT_TO_USER_INPUT;
        case "token" -> OutputKind.TOKEN;
        default -> throw malformed(where, "unknown output spec '" + only.getKey() + "'");
      };
      String target = value.path("buffer_name").asText(value.path("parameter_name")
          .asText(value.path("user_input_name").asText("")));
      // Tensor-only specs hold a TensorArgument ({"name"}); user outputs an Argument union.
      JsonNode union = arg.has("name") ? JSON.createObjectNode().set("as_tensor", arg) : arg;
      slots.add(new OutputSlot(kind, union, target));
    }
    return slots;
  }

  private static Map<String, TensorMeta> tensorValues(JsonNode object) {
    Map<String, TensorMeta> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      values.put(entry.getKey(), tensorMeta(entry.getValue()));
    }
    return values;
  }

  /** Reads a serialized {@code TensorMeta}. */
  static TensorMeta tensorMeta(JsonNode meta) {
    return new TensorMeta(meta.path("dtype").asInt(0), symInts(meta.path("sizes")), symInts(meta.path("strides")),
        symInt(meta.path("storage_offset")), meta.path("requires_grad").asBoolean(false));
  }

  private static List<Long> symInts(JsonNode array) {
    List<Long> values = new ArrayList<>();
    for (JsonNode value : array) {
      values.add(symInt(value));
    }
    return values;
  }

  private static long symInt(JsonNode value) {
    return value.path("as_int").isIntegralNumber() ? value.path("as_int").asLong() : -1;
  }

  /** @return the name an {@code Argument} union defines ({@code as_tensor.name}, {@code as_sym_int.as_name}), or empty */
  static String argumentName(JsonNode arg) {
    for (String kind : List.of("as_tensor", "as_sym_int", "as_sym_float", "as_sym_bool", "as_custom_obj", "as_token")) {
      JsonNode value = arg.path(kind);
      String name = value.path("name").asText(value.path("as_name").asText(""));
      if (!name.isEmpty()) {
        return name;
      }
    }
    return "";
  }

  private static Map.Entry<String, JsonNode> only(JsonNode union, String where, String what) {
    Iterator<Map.Entry<String, JsonNode>> fields = union.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isNull()) {
        return field;
      }
    }
    throw malformed(where, "an empty " + what);
  }

  private static JsonNode require(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw malformed(where, "'" + field + "' is missing");
    }
    return value;
  }

  private static Torchviz4jException malformed(String where, String problem) {
    return new Torchviz4jException("malformed exported program in " + where + ": " + problem
        + "; the archive is damaged or not written by torch.export.save, export it again");
  }

  /**
   * Reads a payload config ({@code model_weights_config.json}, {@code model_constants_config.json}).
   *
   * @param bytes the JSON text
   * @param where the entry, for messages
   * @return name to payload
   */
  static Map<String, Payload> payloads(byte[] bytes, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new Torchviz4jException("malformed JSON in " + where + ": " + e.getMessage().replaceAll("\\s+", " ")
          + "; the archive is damaged, export it again", e);
    }
    Map<String, Payload> payloads = new LinkedHashMap<>();
    if (root == null) {
      return payloads;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("config").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      JsonNode meta = value.path("tensor_meta");
      payloads.put(entry.getKey(), new Payload(value.path("path_name").asText(""), value.path("is_param").asBoolean(false),
          value.path("use_pickle").asBoolean(false), meta.isObject() ? tensorMeta(meta) : null));
    }
    return payloads;
  }

  /**
   * A weight or constant stored in the archive.
   *
   * @param pathName its entry's file name, e.g. {@code weight_0}
   * @param isParam whether it is a parameter
   * @param usePickle whether it was pickled (tensor subclasses, custom objects) rather than raw bytes
   * @param meta how to rebuild it from its raw storage; null for custom objects
   */
  record Payload(String pathName, boolean isParam, boolean usePickle, @Nullable TensorMeta meta) {}
}
