package io.github.torchviz4j.render.json;

import io.github.torchviz4j.drawing.ParameterCounts;
import io.github.torchviz4j.drawing.Role;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a graph as JSON: the data behind the picture, for programs and for the HTML viewer.
 * Modules at {@link RenderOptions#depth()} are collapsed as in pictures; module paths are always
 * kept, whatever {@link RenderOptions#clusters()} says.
 * Stateless and thread-safe; the output is deterministic (graph order, UTF-8, {@code \n}, no
 * timestamps) and safe to embed in an HTML {@code <script>} element (see {@link Json}).
 *
 * <p>The document (version 1), one node, edge or module per line:
 * <pre>{@code
 * {"format":"torchviz4j-graph","version":1,
 * "nodes":[
 * {"id":"n4","kind":"tensor","role":"leaf","label":"layer1.bias\n (1)","name":"layer1.bias",
 *  "shape":[1],"module":"layer1","sequenceNr":null,"attributes":[]},
 * ...],
 * "edges":[
 * {"tail":"n4","head":"n3","kind":"leaf","name":"","shape":[]},
 * ...],
 * "outputs":["n0"],
 * "modules":[
 * {"path":"layer1","className":"Linear","parameters":3},
 * ...],
 * "parameters":3}
 * }</pre>
 * <ul>
 *   <li>{@code kind}: {@code function}, {@code tensor}, {@code freed_tensor} or {@code module} (a
 *       collapsed module); {@code role}: {@code output}, {@code view_base}, {@code leaf},
 *       {@code function}, {@code saved} or {@code module}, the
 *       colour torchviz paints ({@link Role}); {@code label}: the text torchviz draws, lines
 *       separated by {@code \n} (with the attribute table when attributes were captured);
 *   <li>{@code module}: the dotted module path, empty for the root or when unknown;
 *       {@code sequenceNr}: the autograd sequence number, {@code null} when there is none;
 *   <li>{@code attributes}: {@code {"name", "type", "value", "text"}} with {@code type} one of
 *       {@code int}, {@code float}, {@code bool}, {@code text}, {@code none}, {@code tuple},
 *       {@code saved}, {@code freed}, {@code unknown}; {@code text} is what torchviz prints, and
 *       {@code value} the typed value ({@code null} where JSON has none: NaN, infinities, unknown);
 *   <li>edge {@code kind}: {@code input}, {@code leaf}, {@code output}, {@code view} or
 *       {@code saved}; {@code name} the saved field for saved edges;
 *   <li>{@code modules}: every module a node names and their ancestors, sorted by path, with the
 *       class name where known and the number of parameter elements inside (submodules included,
 *       as {@link ParameterCounts} counts them: named leaves, placed by their names);
 *       {@code parameters}: the total.
 * </ul>
 *
 * <pre>{@code
 * Digraph.of(graph).save(Path.of("graph.json"));
 * }</pre>
 */
public final class JsonWriter implements GraphWriter {
  /** The value of the document's {@code format} field. */
  public static final String FORMAT_NAME = "torchviz4j-graph";

  /** The version of the document layout described above. */
  public static final int VERSION = 1;

  /** Creates the writer. */
  public JsonWriter() {
    // stateless
  }

  @Override
  public Format format() {
    return Format.JSON;
  }

  @Override
  public void write(Scene scene, OutputStream out) throws IOException {
    Checks.notNull(scene, "scene");
    Checks.notNull(out, "output stream");
    // Module paths are data here, whether or not pictures draw clusters (RenderOptions.drawing).
    out.write(json(scene.drawing(Format.JSON).statements()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The JSON text of a graph drawn as torchviz draws it.
   *
   * @param drawing the graph's statements, which give roles and labels
   * @return the document, ending in {@code \n}
   */
  public String json(TorchvizStatements drawing) {
    Checks.notNull(drawing, "drawing");
    Graph graph = drawing.graph();
    StringBuilder json = new StringBuilder(256 + 160 * graph.nodes().size() + 80 * graph.edges().size());
    json.append("{\"format\":");
    Json.string(FORMAT_NAME, json);
    json.append(",\"version\":").append(VERSION).append(",\n\"nodes\":[");
    String separator = "\n";
    for (Node node : graph.nodes()) {
      json.append(separator);
      separator = ",\n";
      appendNode(node, drawing, json);
    }
    json.append("\n],\n\"edges\":[");
    separator = "\n";
    for (Edge edge : graph.edges()) {
      json.append(separator);
      separator = ",\n";
      appendEdge(edge, json);
    }
    json.append("\n],\n\"outputs\":[");
    separator = "";
    for (String output : graph.outputs()) {
      json.append(separator);
      separator = ",";
      Json.string(output, json);
    }
    json.append("],\n\"modules\":[");
    separator = "\n";
    ParameterCounts parameters = ParameterCounts.of(graph);
    Map<String, String> classNames = moduleClassNames(graph);
    for (Map.Entry<String, String> module : classNames.entrySet()) {
      json.append(separator);
      separator = ",\n";
      json.append("{\"path\":");
      Json.string(module.getKey(), json);
      json.append(",\"className\":");
      Json.string(module.getValue(), json);
      json.append(",\"parameters\":").append(parameters.of(module.getKey())).append('}');
    }
    json.append(classNames.isEmpty() ? "]" : "\n]");
    json.append(",\n\"parameters\":").append(parameters.total()).append("}\n");
    return json.toString();
  }

  private static void appendNode(Node node, TorchvizStatements drawing, StringBuilder json) {
    json.append("{\"id\":");
    Json.string(node.id(), json);
    json.append(",\"kind\":\"").append(lower(node.kind())).append("\",\"role\":\"")
        .append(lower(drawing.role(node.id()))).append("\",\"fill\":\"")
        .append(String.format(java.util.Locale.ROOT, "#%06x", drawing.fill(node.id()))).append("\",\"label\":");
    Json.string(drawing.label(node.id()), json);
    json.append(",\"name\":");
    Json.string(node.name(), json);
    json.append(",\"shape\":");
    appendShape(node.shape(), json);
    json.append(",\"module\":");
    Json.string(node.modulePath(), json);
    json.append(",\"sequenceNr\":");
    if (node.sequenceNr() >= 0) {
      json.append(node.sequenceNr());
    } else {
      json.append("null");
    }
    json.append(",\"attributes\":[");
    String separator = "";
    for (Attribute attribute : node.attributes()) {
      json.append(separator);
      separator = ",";
      json.append("{\"name\":");
      Json.string(attribute.name(), json);
      json.append(",\"type\":\"").append(type(attribute.value())).append("\",\"value\":");
      appendValue(attribute.value(), json);
      json.append(",\"text\":");
      Json.string(attribute.value().pythonText(), json);
      json.append('}');
    }
    json.append("]}");
  }

  private static void appendEdge(Edge edge, StringBuilder json) {
    json.append("{\"tail\":");
    Json.string(edge.tail(), json);
    json.append(",\"head\":");
    Json.string(edge.head(), json);
    json.append(",\"kind\":\"").append(lower(edge.kind())).append("\",\"name\":");
    Json.string(edge.name(), json);
    json.append(",\"shape\":");
    appendShape(edge.shape(), json);
    json.append('}');
  }

  private static void appendShape(List<Long> shape, StringBuilder json) {
    json.append('[');
    for (int i = 0; i < shape.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(shape.get(i).longValue());
    }
    json.append(']');
  }

  private static String type(AttributeValue value) {
    if (value instanceof AttributeValue.IntValue) {
      return "int";
    } else if (value instanceof AttributeValue.FloatValue) {
      return "float";
    } else if (value instanceof AttributeValue.BoolValue) {
      return "bool";
    } else if (value instanceof AttributeValue.TextValue) {
      return "text";
    } else if (value instanceof AttributeValue.NoneValue) {
      return "none";
    } else if (value instanceof AttributeValue.TupleValue) {
      return "tuple";
    } else if (value instanceof AttributeValue.SavedTensors) {
      return "saved";
    } else if (value instanceof AttributeValue.Freed) {
      return "freed";
    }
    return "unknown";
  }

  private static void appendValue(AttributeValue value, StringBuilder json) {
    if (value instanceof AttributeValue.IntValue v) {
      json.append(v.value());
    } else if (value instanceof AttributeValue.FloatValue v && Double.isFinite(v.value())) {
      json.append(v.value()); // Java's shortest repr, e.g. 0.1 or 1.0E-5: valid JSON numbers
    } else if (value instanceof AttributeValue.BoolValue v) {
      json.append(v.value());
    } else if (value instanceof AttributeValue.TextValue v) {
      Json.string(v.value(), json);
    } else if (value instanceof AttributeValue.TupleValue v) {
      json.append('[');
      for (int i = 0; i < v.items().size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        appendValue(v.items().get(i), json);
      }
      json.append(']');
    } else if (value instanceof AttributeValue.SavedTensors v) {
      json.append("{\"count\":").append(v.count()).append(",\"list\":").append(v.list()).append('}');
    } else {
      json.append("null"); // None, freed, unknown, NaN and infinities
    }
  }

  /** Module paths named by the graph or its nodes, with every ancestor, sorted; class names where known. */
  private static Map<String, String> moduleClassNames(Graph graph) {
    Map<String, String> modules = new TreeMap<>();
    for (ModuleInfo module : graph.modules()) {
      addWithAncestors(module.path(), modules);
      if (!module.className().isEmpty()) {
        modules.put(module.path(), module.className());
      }
    }
    for (Node node : graph.nodes()) {
      addWithAncestors(node.modulePath(), modules);
    }
    return modules;
  }

  private static void addWithAncestors(String path, Map<String, String> modules) {
    for (String p = path; !p.isEmpty() && !modules.containsKey(p); p = ModuleInfo.parentOf(p)) {
      modules.put(p, "");
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
