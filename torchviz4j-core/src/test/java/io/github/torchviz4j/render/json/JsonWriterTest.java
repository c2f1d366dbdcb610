package io.github.torchviz4j.render.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.internal.Hundredths;
import io.github.torchviz4j.internal.Json;
import io.github.torchviz4j.graph.AttributeValue;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonWriterTest {
  static final String HOSTILE = "<img src=x onerror=alert(1)></script>&\"q'\\\n\u2028\u2029é中😀\u0001\ud800";

  @TempDir Path directory;

  static String write(Graph graph) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonWriter().write(graph, RenderOptions.defaults(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    return (Map<String, Object>) MiniJson.parse(json);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  @Test
  void foldGroupsForTheViewerAsOneKeyAbsentOtherwise() {
    Graph graph = fourBlocks();
    TorchvizStatements statements = TorchvizStatements.of(graph);

    Map<String, Object> doc = parse(new JsonWriter().json(statements,
        folded(graph).foldGroups()));

    assertThat(list(doc.get("nodes"))).hasSize(5);
    assertThat(list(doc.get("folds"))).singleElement().satisfies(fold -> assertThat(fold)
        .containsEntry("path", "blocks.0").containsEntry("last", "blocks.3").containsEntry("count", BigDecimal.valueOf(4))
        .containsEntry("title", "blocks.0 … blocks.3").containsEntry("className", "Block ×4")
        .containsEntry("copies", List.of("blocks.1", "blocks.2", "blocks.3"))
        .containsEntry("keptNodes", Map.of("mm1", "mm0", "mm2", "mm0", "mm3", "mm0")));
    assertThat(parse(new JsonWriter().json(statements))).doesNotContainKey("folds");
  }

  /** A JSON file written with fold on says which module stands for how many. */
  @Test
  void aFoldedModuleSaysHowManyItStandsFor() throws IOException {
    Graph graph = fourBlocks();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonWriter().write(graph, RenderOptions.defaults().withFold(true), out);
    Map<String, Object> doc = parse(out.toString(StandardCharsets.UTF_8));

    assertThat(list(doc.get("nodes"))).hasSize(2);
    assertThat(list(doc.get("modules"))).hasSize(2)
        .anySatisfy(module -> assertThat(module).containsEntry("path", "blocks.0")
            .containsEntry("count", BigDecimal.valueOf(4)).containsEntry("foldedThrough", "blocks.3"))
        .anySatisfy(module -> assertThat(module).containsEntry("path", "blocks")
            .doesNotContainKeys("count", "foldedThrough"));
    assertThat(list(parse(write(graph)).get("modules"))).hasSize(5)
        .allSatisfy(module -> assertThat(module).doesNotContainKeys("count", "foldedThrough"));
  }

  @Test
  void seedGraphAsData() throws IOException {
    Map<String, Object> doc = parse(write(SampleGraphs.seed()));

    assertThat(doc).containsEntry("format", "torchviz4j-graph").containsEntry("version", BigDecimal.ONE);
    List<Map<String, Object>> nodes = list(doc.get("nodes"));
    assertThat(nodes).extracting(n -> n.get("id"))
        .containsExactly("out", "tanh", "addmm", "accB", "bias", "t", "accW", "weight");
    Map<String, Object> weight = nodes.get(7);
    assertThat(weight).containsEntry("kind", "tensor").containsEntry("role", "leaf")
        .containsEntry("label", "layer1.weight\n (1, 2)").containsEntry("name", "layer1.weight")
        .containsEntry("shape", List.of(BigDecimal.ONE, BigDecimal.valueOf(2)))
        .containsEntry("module", "").containsEntry("sequenceNr", null).containsEntry("attributes", List.of());
    assertThat(nodes.get(0)).containsEntry("role", "output").containsEntry("label", "\n (1, 1)");
    assertThat(nodes.get(1)).containsEntry("kind", "function").containsEntry("role", "function")
        .containsEntry("label", "TanhBackward0");
    List<Map<String, Object>> edges = list(doc.get("edges"));
    assertThat(edges).hasSize(7);
    assertThat(edges.get(0)).containsEntry("tail", "bias").containsEntry("head", "accB")
        .containsEntry("kind", "leaf").containsEntry("name", "").containsEntry("shape", List.of());
    assertThat(doc.get("outputs")).isEqualTo(List.of("out"));
    assertThat(doc.get("modules")).isEqualTo(List.of());
    assertThat(doc.get("parameters")).isEqualTo(BigDecimal.valueOf(3));
  }

  @Test
  void everyEdgeKindRoleAndSavedName() throws IOException {
    Map<String, Object> doc = parse(write(SampleGraphs.special()));

    List<Map<String, Object>> nodes = list(doc.get("nodes"));
    assertThat(nodes).extracting(n -> n.get("role"))
        .containsExactly("output", "function", "function", "saved", "function", "leaf", "view_base", "function", "output");
    assertThat(nodes.get(3)).containsEntry("label", "self\n (4, 6)");
    assertThat(nodes.get(5)).containsEntry("name", SampleGraphs.AWKWARD_NAME);
    assertThat(list(doc.get("edges"))).extracting(e -> e.get("kind"))
        .containsExactly("leaf", "input", "input", "saved", "input", "output", "output", "view", "input", "output");
    assertThat(list(doc.get("edges")).get(3)).containsEntry("name", "self");
  }

  @Test
  void hostileTextRoundTripsAndCannotEndAScriptElement() throws IOException {
    Graph graph = new Graph(
        List.of(Node.tensor("y", "", List.of()), Node.function("f<&>", HOSTILE),
            Node.function("acc", "AccumulateGrad"), Node.tensor("w", HOSTILE, List.of(2L)).withModulePath(HOSTILE)),
        List.of(new Edge("w", "acc", EdgeKind.LEAF), new Edge("acc", "f<&>", EdgeKind.INPUT),
            new Edge("f<&>", "y", EdgeKind.OUTPUT, HOSTILE)),
        List.of("y"), List.of(new ModuleInfo(HOSTILE, "</script>")));

    String json = write(graph);

    assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u2029", "\ud800");
    assertThat(json.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    Map<String, Object> doc = parse(json);
    List<Map<String, Object>> nodes = list(doc.get("nodes"));
    assertThat(nodes.get(1)).containsEntry("id", "f<&>").containsEntry("name", HOSTILE).containsEntry("label", HOSTILE);
    assertThat(nodes.get(3)).containsEntry("name", HOSTILE).containsEntry("module", HOSTILE)
        .containsEntry("label", HOSTILE + "\n (2)");
    assertThat(list(doc.get("edges")).get(2)).containsEntry("name", HOSTILE);
    assertThat(list(doc.get("modules"))).contains(Map.of("path", HOSTILE, "className", "</script>",
        "parameters", BigDecimal.ZERO));
  }

  @Test
  void modulesWithAncestorsClassesAndParameterCounts() throws IOException {
    Graph graph = new Graph(
        List.of(Node.tensor("y", "", List.of()), Node.function("sum", "SumBackward0").withSequenceNr(4),
            Node.function("acc", "AccumulateGrad").withModulePath("enc.layers.0.fc"),
            Node.tensor("w", "enc.layers.0.fc.weight", List.of(3L, 4L)).withModulePath("enc.layers.0.fc"),
            Node.function("acc2", "AccumulateGrad").withModulePath("enc.norm"),
            Node.tensor("b", "enc.norm.bias", List.of(5L)).withModulePath("enc.norm")),
        List.of(new Edge("w", "acc", EdgeKind.LEAF), new Edge("acc", "sum", EdgeKind.INPUT),
            new Edge("b", "acc2", EdgeKind.LEAF), new Edge("acc2", "sum", EdgeKind.INPUT),
            new Edge("sum", "y", EdgeKind.OUTPUT)),
        List.of("y"), List.of(new ModuleInfo("enc.layers.0.fc", "Linear")));

    Map<String, Object> doc = parse(write(graph));

    assertThat(list(doc.get("modules"))).containsExactly(
        Map.of("path", "enc", "className", "", "parameters", BigDecimal.valueOf(17)),
        Map.of("path", "enc.layers", "className", "", "parameters", BigDecimal.valueOf(12)),
        Map.of("path", "enc.layers.0", "className", "", "parameters", BigDecimal.valueOf(12)),
        Map.of("path", "enc.layers.0.fc", "className", "Linear", "parameters", BigDecimal.valueOf(12)),
        Map.of("path", "enc.norm", "className", "", "parameters", BigDecimal.valueOf(5)));
    assertThat(doc.get("parameters")).isEqualTo(BigDecimal.valueOf(17));
    assertThat(list(doc.get("nodes")).get(1)).containsEntry("sequenceNr", BigDecimal.valueOf(4));
  }

  @Test
  void attributesTypedWithTheirPythonText() throws IOException {
    List<Attribute> attributes = List.of(
        new Attribute("alpha", new AttributeValue.IntValue(new BigInteger("18446744073709551615"))),
        new Attribute("beta", new AttributeValue.FloatValue(0.5)),
        new Attribute("eps", new AttributeValue.FloatValue(Double.NaN)),
        new Attribute("flag", new AttributeValue.BoolValue(true)),
        new Attribute("mode", new AttributeValue.TextValue("a\"b")),
        new Attribute("none", new AttributeValue.NoneValue()),
        new Attribute("self", new AttributeValue.SavedTensors(1, false)),
        new Attribute("sizes", new AttributeValue.TupleValue(List.of(new AttributeValue.IntValue(BigInteger.TWO)))),
        new Attribute("x", new AttributeValue.Unknown()));
    Graph graph = new Graph(List.of(Node.tensor("y", "", List.of()), Node.function("f", "MulBackward0", attributes)),
        List.of(new Edge("f", "y", EdgeKind.OUTPUT)), List.of("y"));

    Map<String, Object> doc = parse(write(graph));

    List<Map<String, Object>> parsed = list(list(doc.get("nodes")).get(1).get("attributes"));
    assertThat(parsed).extracting(a -> a.get("type"))
        .containsExactly("int", "float", "float", "bool", "text", "none", "saved", "tuple", "unknown");
    assertThat(parsed).extracting(a -> a.get("text"))
        .containsExactly("18446744073709551615", "0.5", "nan", "True", "a\"b", "None", "[saved tensor]", "(2,)", "?");
    assertThat(parsed.get(0).get("value")).isEqualTo(new BigDecimal("18446744073709551615"));
    assertThat(parsed.get(1).get("value")).isEqualTo(new BigDecimal("0.5"));
    assertThat(parsed.get(2).get("value")).isNull();
    assertThat(parsed.get(6).get("value")).isEqualTo(Map.of("count", BigDecimal.ONE, "list", false));
    assertThat(parsed.get(7).get("value")).isEqualTo(List.of(BigDecimal.valueOf(2)));
  }

  @Test
  void deterministicAndSavedByExtension() throws IOException {
    Graph graph = SampleGraphs.mlp(4);
    assertThat(write(graph)).isEqualTo(write(graph)).endsWith("}\n").doesNotContain("\r");
    Path file = Digraph.of(graph).save(directory.resolve("mlp.json"));
    assertThat(Files.readString(file)).isEqualTo(write(graph));
    assertThat(Format.fromPath(Path.of("g.JSON"))).isEqualTo(Format.JSON);
    assertThat(new JsonWriter().json(TorchvizStatements.of(graph))).isEqualTo(write(graph));
  }

  @Test
  void hundredthsAndStrings() {
    StringBuilder out = new StringBuilder();
    Hundredths.append(12, out);
    out.append(' ');
    Hundredths.append(12.5, out);
    out.append(' ');
    Hundredths.append(-0.254, out);
    out.append(' ');
    Hundredths.append(3.005, out);
    assertThat(out.toString()).isEqualTo("12 12.5 -0.25 3.01");
    assertThat(Json.string("a</b>&\u2028")).isEqualTo("\"a\\u003c/b\\u003e\\u0026\\u2028\"");
    assertThat(Json.string("😀")).isEqualTo("\"😀\"");
  }

  /** {@code blocks.0} … {@code blocks.3}, alike: one MmBackward0 each, in a chain to the output. */
  private static Graph fourBlocks() {
    List<Node> nodes = new java.util.ArrayList<>(List.of(Node.tensor("y", "", List.of(4L))));
    List<Edge> edges = new java.util.ArrayList<>();
    List<ModuleInfo> modules = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      modules.add(new ModuleInfo("blocks." + i, "Block"));
      nodes.add(Node.function("mm" + i, "MmBackward0").withModulePath("blocks." + i).withSequenceNr(i));
      if (i > 0) {
        edges.add(new Edge("mm" + (i - 1), "mm" + i, EdgeKind.INPUT));
      }
    }
    edges.add(new Edge("mm3", "y", EdgeKind.OUTPUT));
    Graph graph = new Graph(nodes, edges, List.of("y"), modules);
    return graph;
  }

  /** A drawing of the graph with repeated blocks folded (module clusters kept). */
  private static Drawing folded(Graph graph) {
    return Drawing.of(graph,
        new DrawingOptions(0, true, 0, 50, true));
  }
}
