package io.github.torchviz4j.render.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.github.torchviz4j.drawing.FoldGroup;
import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.drawing.ParameterCounts;
import io.github.torchviz4j.drawing.Role;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue;
import io.github.torchviz4j.graph.BackwardPass;
import io.github.torchviz4j.graph.BackwardStep;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeGradient;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.SavedBytes;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.internal.HexColor;
import io.github.torchviz4j.internal.Json;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a graph as JSON, through Jackson: the data behind the picture (its {@link
 * io.github.torchviz4j.drawing.Drawing}), for programs and for the HTML viewer. Modules at {@link
 * RenderOptions#depth()} are collapsed as in pictures; module paths are always kept, whatever
 * {@link RenderOptions#clusters()} says.
 * Stateless and thread-safe; the output is deterministic (graph order, UTF-8, {@code \n}, no
 * timestamps) and safe to embed in an HTML {@code <script>} element (quotes, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped).
 *
 * <p>The document (version 1), one node, edge or module per line:
 * <pre>{@code
 * {"format":"torchviz4j-graph","version":1,
 * "nodes":[
 * {"id":"n4","kind":"tensor","role":"leaf","fill":"#add8e6","label":"layer1.bias\n (1)","name":"layer1.bias",
 *  "shape":[1],"module":"layer1","sequenceNr":null,"attributes":[]},
 * ...],
 * "edges":[
 * {"tail":"n4","head":"n3","kind":"leaf","name":"","shape":[]},
 * ...],
 * "outputs":["n0"],
 * "modules":[
 * {"path":"layer1","className":"Linear","parameters":3},
 * {"path":"layers.0","className":"Block","parameters":24,"count":4,"foldedThrough":"layers.3"},
 * ...],
 * "parameters":3}
 * }</pre>
 * <ul>
 *   <li>{@code kind}: {@code function}, {@code tensor}, {@code freed_tensor}, {@code module} (a
 *       collapsed module) or {@code note} (a legend note of the drawing, after the graph's nodes,
 *       id {@code legend:...}: the gradient colour scale, the problem colour, parameters not in the
 *       graph; no edges); {@code role}: {@code output}, {@code view_base}, {@code leaf},
 *       {@code function}, {@code saved}, {@code module} or {@code note}, the
 *       colour torchviz paints ({@link Role}); {@code fill}: the colour painted, {@code #rrggbb}
 *       (a gradient's colour for parameters and swatches when gradients were captured);
 *       {@code label}: the text torchviz draws, lines
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
 *       and, for a module drawn once for a run of identical siblings (a JSON file written with
 *       fold on), {@code count}, how many it stands for, and {@code foldedThrough}, the last of
 *       them; {@code parameters}: the total;
 *   <li>when memory was measured ({@code showMemory}): {@code savedBytes} on each backward function
 *       (and collapsed module), the bytes of the storages it saved for backward that no earlier
 *       function saved, and at the top level {@code "memory": {"savedBytes": N,
 *       "savedBytesWithoutParameters": M}}, the graph's total with and without parameters'
 *       storages ({@link io.github.torchviz4j.graph.SavedBytes});
 *   <li>in the document the HTML viewer reads for a graph drawn with fold on
 *       ({@code RenderOptions.withFold}): the graph complete, unfolded, and at the top level
 *       {@code "folds": [{"path": "layers.1", "last": "layers.47", "count": 47, "title":
 *       "layers.1 … layers.47", "className": "TransformerEncoderLayer ×47", "copies": ["layers.2",
 *       …], "keptNodes": {"n812": "n95", …}}, …]}, one entry per run of identical siblings the
 *       static picture draws once ({@link FoldGroup}, outer runs first): the kept first module, the
 *       last, how many, the title and class the folded picture shows, the other modules in
 *       forward order, and each node inside them mapped to the first module's node it stands for
 *       (one step: a kept node may be a copy of an inner run). Absent otherwise.
 *   <li>when the drawing shows a replayed backward pass ({@code RenderOptions.withShowBackward},
 *       {@code --backward}): {@code tracedGrad: {"norm": N}} on each tensor node the pass sends a
 *       gradient to (what {@code backward()} would add to its {@code .grad}); at the top level
 *       {@code backwardSteps}, the functions in the order the engine runs them
 *       ({@code {"function": id, "name": "TanhBackward0"}}), {@code backward}, one entry per edge
 *       gradient in the order the pass produced them ({@code {"tail", "head", "step", "defined",
 *       "shape", "dtype", "norm", "values"}}: the edge's ends as in {@code edges}, the index of the
 *       step that sent it or {@code null} for the gradient an output starts from, {@code values}
 *       only when recorded, row-major; {@code null} for NaN and infinities), and
 *       {@code backwardNote}, empty or what the pass left out (e.g. values on a big graph).
 *   <li>in the drawing of a diff ({@link io.github.torchviz4j.drawing.Drawing#of(
 *       io.github.torchviz4j.diff.GraphDiff, io.github.torchviz4j.drawing.DrawingOptions)}):
 *       {@code "diff"} on every node and edge, {@code same}, {@code added}, {@code removed} or
 *       {@code changed} (legend notes: the mark they explain), and on each module with changes
 *       inside its counts, e.g. {@code "+38 ~2"} ({@code +} added, {@code −} removed, {@code ~}
 *       changed).
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
    return json(drawing, List.of());
  }

  /**
   * The JSON text of a graph drawn as torchviz draws it, with the runs of identical siblings a
   * viewer may fold (the {@code folds} key, written when there are any).
   *
   * @param drawing the graph's statements, which give roles and labels; the complete graph
   * @param folds the runs of its modules to fold ({@link io.github.torchviz4j.drawing.ModuleFold#groups})
   * @return the document, ending in {@code \n}
   */
  public String json(TorchvizStatements drawing, List<FoldGroup> folds) {
    Checks.notNull(drawing, "drawing");
    Checks.notNull(folds, "fold groups");
    Graph graph = drawing.graph();
    StringBuilder text = new StringBuilder(256 + 160 * graph.nodes().size() + 80 * graph.edges().size());
    try (JsonGenerator json = Json.generator(text)) {
      json.setPrettyPrinter(new Layout());
      json.writeStartObject();
      json.writeStringField("format", FORMAT_NAME);
      json.writeNumberField("version", VERSION);
      json.writeArrayFieldStart("nodes");
      for (Node node : graph.nodes()) {
        writeNode(node, drawing, json);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("edges");
      for (int i = 0; i < graph.edges().size(); i++) {
        writeEdge(graph.edges().get(i), json, diffMark(drawing.marks().edge(i)));
      }
      json.writeEndArray();
      json.writeArrayFieldStart("outputs");
      for (String output : graph.outputs()) {
        json.writeString(output);
      }
      json.writeEndArray();
      ParameterCounts parameters = ParameterCounts.of(graph);
      json.writeArrayFieldStart("modules");
      Map<String, ModuleInfo> folded = graph.modules().stream().filter(m -> m.count() > 1)
          .collect(Collectors.toMap(ModuleInfo::path, m -> m, (a, b) -> a));
      for (Map.Entry<String, String> module : moduleClassNames(graph).entrySet()) {
        json.writeStartObject();
        json.writeStringField("path", module.getKey());
        json.writeStringField("className", module.getValue());
        json.writeNumberField("parameters", parameters.of(module.getKey()));
        ModuleInfo fold = folded.get(module.getKey());
        if (fold != null) {
          json.writeNumberField("count", fold.count());
          json.writeStringField("foldedThrough", fold.foldedThrough());
        }
        writeDiffCounts(drawing.marks().clusterNote(module.getKey()), json);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("parameters", parameters.total());
      SavedBytes saved = graph.savedBytes();
      if (saved.measured()) {
        json.writeObjectFieldStart("memory");
        json.writeNumberField("savedBytes", saved.total());
        json.writeNumberField("savedBytesWithoutParameters", saved.withoutParameters());
        json.writeEndObject();
      }
      writeFolds(folds, json);
      writeBackward(graph, json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return text.append('\n').toString();
  }

  private static void writeNode(Node node, TorchvizStatements drawing, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", node.id());
    json.writeStringField("kind", lower(node.kind()));
    json.writeStringField("role", lower(drawing.role(node.id())));
    json.writeStringField("fill", HexColor.of(drawing.fill(node.id())));
    json.writeStringField("label", drawing.label(node.id()));
    json.writeStringField("name", node.name());
    json.writeFieldName("shape");
    writeShape(node.shape(), json);
    json.writeStringField("module", node.modulePath());
    json.writeFieldName("sequenceNr");
    if (node.sequenceNr() >= 0) {
      json.writeNumber(node.sequenceNr());
    } else {
      json.writeNull();
    }
    if (node.saved().measured()) {
      json.writeNumberField("savedBytes", node.saved().total());
    }
    writeTracedGrad(node, drawing.graph(), json);
    writeDiff(diffMark(drawing.mark(node.id())), json);
    json.writeArrayFieldStart("attributes");
    for (Attribute attribute : node.attributes()) {
      json.writeStartObject();
      json.writeStringField("name", attribute.name());
      json.writeStringField("type", type(attribute.value()));
      json.writeFieldName("value");
      writeValue(attribute.value(), json);
      json.writeStringField("text", attribute.value().pythonText());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** The {@code folds} key: the runs a viewer folds, when there are any. */
  private static void writeFolds(List<FoldGroup> folds, JsonGenerator json) throws IOException {
    if (folds.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart("folds");
    for (FoldGroup fold : folds) {
      json.writeStartObject();
      json.writeStringField("path", fold.module().path());
      json.writeStringField("last", fold.module().foldedThrough());
      json.writeNumberField("count", fold.module().count());
      json.writeStringField("title", fold.module().displayPath());
      json.writeStringField("className", fold.module().displayClass());
      json.writeArrayFieldStart("copies");
      for (String copy : fold.copies()) {
        json.writeString(copy);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("keptNodes");
      for (Map.Entry<String, String> kept : fold.keptNodes().entrySet()) {
        json.writeStringField(kept.getKey(), kept.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** A parameter's traced gradient norm, when the graph carries a backward pass. */
  private static void writeTracedGrad(Node node, Graph graph, JsonGenerator json) throws IOException {
    if (node.kind() != NodeKind.TENSOR || graph.backward().isEmpty()) {
      return;
    }
    Optional<Gradient> gradient = graph.backward().get().leafGradient(node.id());
    if (gradient.isPresent()) {
      json.writeObjectFieldStart("tracedGrad");
      writeNumberOrNull("norm", gradient.get().norm(), json);
      json.writeEndObject();
    }
  }

  /**
   * The replayed backward pass, when the graph carries one: {@code backwardSteps} (the functions
   * in the order they run), {@code backward} (the gradient on each edge, in the order the pass
   * produced them, the seeds first) and {@code backwardNote}.
   */
  private static void writeBackward(Graph graph, JsonGenerator json) throws IOException {
    if (graph.backward().isEmpty()) {
      return;
    }
    BackwardPass pass = graph.backward().get();
    json.writeArrayFieldStart("backwardSteps");
    for (BackwardStep step : pass.steps()) {
      json.writeStartObject();
      json.writeStringField("function", step.function());
      json.writeStringField("name", step.name());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("backward");
    for (EdgeGradient seed : pass.seeds()) {
      writeEdgeGradient(seed, -1, json);
    }
    for (int i = 0; i < pass.steps().size(); i++) {
      for (EdgeGradient sent : pass.steps().get(i).sent()) {
        writeEdgeGradient(sent, i, json);
      }
    }
    json.writeEndArray();
    json.writeStringField("backwardNote", pass.note());
  }

  private static void writeEdgeGradient(EdgeGradient edge, int step, JsonGenerator json) throws IOException {
    Gradient gradient = edge.gradient();
    json.writeStartObject();
    json.writeStringField("tail", edge.tail());
    json.writeStringField("head", edge.head());
    json.writeFieldName("step");
    if (step >= 0) {
      json.writeNumber(step);
    } else {
      json.writeNull();
    }
    json.writeBooleanField("defined", gradient.defined());
    json.writeFieldName("shape");
    writeShape(gradient.shape(), json);
    json.writeStringField("dtype", gradient.dtype());
    writeNumberOrNull("norm", gradient.norm(), json);
    if (!gradient.values().isEmpty()) {
      json.writeArrayFieldStart("values");
      for (double value : gradient.values()) {
        if (Double.isFinite(value)) {
          json.writeNumber(value);
        } else {
          json.writeNull();
        }
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeNumberOrNull(String field, double value, JsonGenerator json) throws IOException {
    json.writeFieldName(field);
    if (Double.isFinite(value)) {
      json.writeNumber(value);
    } else {
      json.writeNull();
    }
  }

  private static void writeEdge(Edge edge, JsonGenerator json, String diff) throws IOException {
    json.writeStartObject();
    json.writeStringField("tail", edge.tail());
    json.writeStringField("head", edge.head());
    json.writeStringField("kind", lower(edge.kind()));
    json.writeStringField("name", edge.name());
    json.writeFieldName("shape");
    writeShape(edge.shape(), json);
    writeDiff(diff, json);
    json.writeEndObject();
  }

  /** A diff drawing's mark as its {@code diff} field: same, added, removed, changed; empty when unmarked. */
  private static String diffMark(Mark mark) {
    return mark.isMarked() ? mark.label() : "";
  }

  private static void writeDiff(String diff, JsonGenerator json) throws IOException {
    if (!diff.isEmpty()) {
      json.writeStringField("diff", diff);
    }
  }

  /** A module's counts of changes in a diff drawing, e.g. {@code "diff":"+38 ~2"}; nothing when none. */
  private static void writeDiffCounts(String counts, JsonGenerator json) throws IOException {
    if (!counts.isEmpty()) {
      json.writeStringField("diff", counts);
    }
  }

  private static void writeShape(List<Long> shape, JsonGenerator json) throws IOException {
    json.writeStartArray();
    for (Long size : shape) {
      json.writeNumber(size.longValue());
    }
    json.writeEndArray();
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

  private static void writeValue(AttributeValue value, JsonGenerator json) throws IOException {
    if (value instanceof AttributeValue.IntValue v) {
      json.writeNumber(v.value());
    } else if (value instanceof AttributeValue.FloatValue v && Double.isFinite(v.value())) {
      json.writeNumber(v.value()); // Java's shortest repr, e.g. 0.1 or 1.0E-5: valid JSON numbers
    } else if (value instanceof AttributeValue.BoolValue v) {
      json.writeBoolean(v.value());
    } else if (value instanceof AttributeValue.TextValue v) {
      json.writeString(v.value());
    } else if (value instanceof AttributeValue.TupleValue v) {
      json.writeStartArray();
      for (AttributeValue item : v.items()) {
        writeValue(item, json);
      }
      json.writeEndArray();
    } else if (value instanceof AttributeValue.SavedTensors v) {
      json.writeStartObject();
      json.writeNumberField("count", v.count());
      json.writeBooleanField("list", v.list());
      json.writeEndObject();
    } else {
      json.writeNull(); // None, freed, unknown, NaN and infinities
    }
  }

  /**
   * The document's layout: compact, but each top-level field from {@code nodes} on, and each
   * node, edge and module, on a line of its own.
   */
  private static final class Layout extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;
    private static final Set<String> ONE_PER_LINE = Set.of("nodes", "edges", "modules", "backward");
    private int rootEntries;

    private static boolean onePerLine(JsonGenerator g) {
      JsonStreamContext array = g.getOutputContext();
      JsonStreamContext field = array.getParent();
      return array.inArray() && field != null && field.getParent() != null && field.getParent().inRoot()
          && ONE_PER_LINE.contains(field.getCurrentName());
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      boolean root = g.getOutputContext().getParent() != null && g.getOutputContext().getParent().inRoot();
      g.writeRaw(root && ++rootEntries > 1 ? ",\n" : ",");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (onePerLine(g)) {
        g.writeRaw('\n');
      }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(onePerLine(g) ? ",\n" : ",");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      boolean modules = "modules".equals(g.getOutputContext().getParent() == null ? null
          : g.getOutputContext().getParent().getCurrentName());
      g.writeRaw(onePerLine(g) && (nrOfValues > 0 || !modules) ? "\n]" : "]");
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
