package io.github.torchviz4j.pytorch.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.pytorch.export.ProgramJson.InputSlot;
import io.github.torchviz4j.pytorch.export.ProgramJson.NamedArg;
import io.github.torchviz4j.pytorch.export.ProgramJson.OpNode;
import io.github.torchviz4j.pytorch.export.ProgramJson.OutputKind;
import io.github.torchviz4j.pytorch.export.ProgramJson.OutputSlot;
import io.github.torchviz4j.pytorch.export.ProgramJson.TensorMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the forward graph of an exported program in the graph model the writers draw: each op a
 * function node named {@code aten.linear} with its outputs' dtypes and shapes and its scalar
 * arguments as attributes; each input a tensor node labelled {@code parameter fc.weight},
 * {@code buffer bn.running_mean}, {@code constant ...} or {@code input x}; each user output a green
 * tensor node. Edges run from inputs towards outputs, one per use, as in the autograd graph. Nodes
 * are placed in the module of their {@code nn_module_stack}; parameters and buffers in the module
 * owning them. Stateless.
 */
final class ForwardGraph {
  private static final Set<String> SCALAR_ARGS = Set.of("as_int", "as_ints", "as_float", "as_floats", "as_bool",
      "as_bools", "as_string", "as_strings", "as_scalar_type", "as_sym_int", "as_sym_ints", "as_none");

  private ForwardGraph() {}

  static Graph of(ProgramJson program) {
    return of(program, Map.of());
  }

  /**
   * @param program the program
   * @param backward per op index, the backward functions that op created in a run (e.g.
   *     {@code TBackward0, AddmmBackward0} for {@code aten.linear}); ops without an entry get no
   *     {@code grad_fn} attribute
   * @return the forward graph
   */
  static Graph of(ProgramJson program, Map<Integer, List<String>> backward) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    Map<String, String> producer = new HashMap<>();
    Set<String> paths = new TreeSet<>();
    for (InputSlot slot : program.inputs()) {
      if (slot.name().isEmpty() || !program.tensorValues().containsKey(slot.name())) {
        continue;
      }
      TensorMeta meta = program.tensorValues().get(slot.name());
      String label = switch (slot.kind()) {
        case PARAMETER -> "parameter " + slot.target();
        case BUFFER -> "buffer " + slot.target();
        case USER_INPUT -> "input " + slot.name();
        default -> "constant " + (slot.target().isEmpty() ? slot.name() : slot.target());
      };
      String module = slot.kind() == ProgramJson.InputKind.PARAMETER || slot.kind() == ProgramJson.InputKind.BUFFER
          ? ModuleInfo.parentOf(slot.target()) : "";
      String id = "in:" + slot.name();
      nodes.add(new Node(id, NodeKind.TENSOR, label + " " + SerdeTypes.dtypeName(meta.dtype()), meta.sizes(),
          List.of(), module, -1));
      producer.put(slot.name(), id);
      addPath(paths, module);
    }
    int index = 0;
    for (OpNode op : program.nodes()) {
      String id = "op" + index + ":" + op.name();
      List<Attribute> attributes = new ArrayList<>();
      for (NamedArg arg : op.inputs()) {
        String kind = Interpreter.kindOf(arg.arg());
        if (SCALAR_ARGS.contains(kind)) {
          attributes.add(new Attribute(arg.name(), new AttributeValue.TextValue(scalarText(kind, arg.arg().get(kind)))));
        }
      }
      List<String> defined = defined(op);
      for (int i = 0; i < defined.size(); i++) {
        TensorMeta meta = program.tensorValues().get(defined.get(i));
        if (meta != null) {
          attributes.add(new Attribute(defined.size() == 1 ? "out" : "out" + i,
              new AttributeValue.TextValue(describe(meta))));
        }
      }
      List<String> created = backward.getOrDefault(index, List.of());
      if (!created.isEmpty()) {
        attributes.add(new Attribute("grad_fn", new AttributeValue.TextValue(String.join(", ", created))));
      }
      nodes.add(new Node(id, NodeKind.FUNCTION, opName(op.target()), List.of(), attributes, op.modulePath(), index));
      addPath(paths, op.modulePath());
      Set<String> linked = new HashSet<>();
      for (String used : usedNames(op)) {
        String from = producer.get(used);
        if (from != null && linked.add(from)) {
          edges.add(new Edge(from, id, EdgeKind.INPUT, used, shape(program, used)));
        }
      }
      for (String name : defined) {
        producer.put(name, id);
      }
      index++;
    }
    List<String> outputs = new ArrayList<>();
    for (OutputSlot slot : program.outputs()) {
      if (slot.kind() != OutputKind.USER_OUTPUT && slot.kind() != OutputKind.LOSS_OUTPUT) {
        continue;
      }
      String name = ProgramJson.argumentName(slot.arg());
      String from = producer.get(name);
      if (name.isEmpty() || from == null) {
        continue;
      }
      String id = "out:" + outputs.size() + ":" + name;
      TensorMeta meta = program.tensorValues().get(name);
      nodes.add(new Node(id, NodeKind.TENSOR, "output " + name + (meta == null ? "" : " " + SerdeTypes.dtypeName(meta.dtype())),
          meta == null ? List.of() : meta.sizes(), List.of(), "", -1));
      edges.add(new Edge(from, id, EdgeKind.OUTPUT, name, shape(program, name)));
      outputs.add(id);
    }
    Map<String, String> classes = ExactPlacement.classes(program.nodes());
    List<ModuleInfo> modules = paths.stream().map(p -> new ModuleInfo(p, classes.getOrDefault(p, ""))).toList();
    return new Graph(nodes, edges, outputs, modules);
  }

  /** @return {@code aten.linear} for {@code torch.ops.aten.linear.default}; other targets as they are */
  static String opName(String target) {
    if (!target.startsWith("torch.ops.")) {
      return target;
    }
    String[] parts = target.substring("torch.ops.".length()).split("\\.");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : target;
  }

  private static void addPath(Set<String> paths, String path) {
    for (String p = path; !p.isEmpty(); p = ModuleInfo.parentOf(p)) {
      paths.add(p);
    }
  }

  private static List<Long> shape(ProgramJson program, String name) {
    TensorMeta meta = program.tensorValues().get(name);
    return meta == null ? List.of() : meta.sizes();
  }

  private static String describe(TensorMeta meta) {
    return SerdeTypes.dtypeName(meta.dtype()) + " " + meta.sizes().stream()
        .map(size -> size < 0 ? "s" : String.valueOf(size)).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String scalarText(String kind, JsonNode value) {
    return switch (kind) {
      case "as_none" -> "None";
      case "as_bool" -> value.asBoolean() ? "True" : "False";
      case "as_scalar_type" -> "torch." + SerdeTypes.dtypeName(value.asInt());
      case "as_float" -> new AttributeValue.FloatValue(value.asDouble()).pythonText();
      case "as_sym_int" -> value.has("as_int") ? value.get("as_int").asText() : value.path("as_name").asText();
      case "as_ints", "as_floats", "as_bools", "as_strings", "as_sym_ints" -> {
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.isObject()
            ? item.path("as_int").asText(item.path("as_name").asText()) : item.isBoolean()
            ? (item.asBoolean() ? "True" : "False") : item.isFloatingPointNumber()
            ? new AttributeValue.FloatValue(item.asDouble()).pythonText() : item.asText()));
        yield items.stream().collect(Collectors.joining(", ", "[", "]"));
      }
      default -> value.asText();
    };
  }

  /** @return the tensor and symbol names an op reads */
  private static List<String> usedNames(OpNode op) {
    List<String> names = new ArrayList<>();
    for (NamedArg arg : op.inputs()) {
      collect(arg.arg(), names);
    }
    return names;
  }

  private static void collect(JsonNode node, List<String> names) {
    if (node.isObject()) {
      JsonNode name = node.get("name");
      if (name != null && name.isTextual() && node.size() == 1) {
        names.add(name.asText());
        return;
      }
      JsonNode symbol = node.get("as_name");
      if (symbol != null && symbol.isTextual()) {
        names.add(symbol.asText());
        return;
      }
      node.forEach(child -> collect(child, names));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, names));
    }
  }

  /** @return the names an op defines, in output order */
  private static List<String> defined(OpNode op) {
    List<String> names = new ArrayList<>();
    for (JsonNode output : op.outputs()) {
      if (output.has("as_tensors")) {
        output.get("as_tensors").forEach(t -> names.add(t.path("name").asText()));
      } else {
        String name = ProgramJson.argumentName(output);
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
