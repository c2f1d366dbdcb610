package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.SavedBytes;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory held for backward equals what PyTorch itself measures with saved_tensors_hooks, one
 * count per storage ({@code refs/saved_bytes.json}, made by running each reference model.pt).
 */
class SavedMemoryTest {
  private static final MakeDotOptions MEMORY = MakeDotOptions.builder().showMemory(true).build();

  @TempDir
  Path dir;

  /** PyTorch's numbers for one case: total bytes, and without parameters' storages. */
  private static long[] pytorchSavedBytes(String caseName) throws IOException {
    String json;
    try (InputStream in = SavedMemoryTest.class.getResourceAsStream("/refs/saved_bytes.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("\"" + caseName + "\":\\s*\\{\\s*\"storages\":\\s*\\d+,\\s*\"saved_bytes\":\\s*(\\d+),"
        + "\\s*\"saved_bytes_without_params\":\\s*(\\d+)").matcher(json);
    assertThat(m.find()).as("case %s in saved_bytes.json", caseName).isTrue();
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  @ParameterizedTest
  @ValueSource(strings = {"neuron", "mlp", "cnn", "multi_output", "transformer", "big_chain", "views"})
  void totalsEqualPytorchsSavedTensorsHooks(String caseName) throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy(caseName, "model.pt", dir))) {
      Tensor x = TensorFiles.load(TorchScriptFiles.copy(caseName, "input.pt", dir));
      List<Tensor> outputs = new ArrayList<>(model.forward(List.of(x)));
      if (caseName.equals("transformer")) {
        outputs.replaceAll(Reduction.SUM::apply);   // the reference drew model(x).sum()
      }

      Graph graph = TorchViz.capture(outputs, model.namedParameters(), MEMORY);

      long[] expected = pytorchSavedBytes(caseName);
      SavedBytes saved = graph.savedBytes();
      assertThat(saved.total()).as("saved bytes with parameters").isEqualTo(expected[0]);
      assertThat(saved.withoutParameters()).as("saved bytes without parameters").isEqualTo(expected[1]);
    }
  }

  @Test
  void eachFunctionCountsTheStoragesItSavedFirstAndTensorsNone() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();

      Graph graph = TorchViz.capture(neuron.outputs(), neuron.params(), MEMORY);

      // AddmmBackward0 saves x (1, 2): 8 bytes; TanhBackward0 its result (1, 1): 4 bytes; the weight
      // is not saved, as x does not require grad.
      assertThat(function(graph, "AddmmBackward0").saved()).isEqualTo(new SavedBytes(8, 0));
      assertThat(function(graph, "TanhBackward0").saved()).isEqualTo(new SavedBytes(4, 0));
      assertThat(function(graph, "AccumulateGrad").saved().measured()).isFalse();
      assertThat(graph.nodes()).filteredOn(n -> n.kind() == NodeKind.TENSOR)
          .allSatisfy(n -> assertThat(n.saved().measured()).isFalse());
      assertThat(TorchViz.capture(neuron.outputs(), neuron.params()).savedBytes().measured())
          .as("not measured unless asked").isFalse();
    }
  }

  private static Node function(Graph graph, String name) {
    return graph.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void picturesShowEachFunctionsBytesModuleTotalsAndTheGraphsTotal() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("transformer", "model.pt", dir))) {
      Tensor x = TensorFiles.load(TorchScriptFiles.copy("transformer", "input.pt", dir));
      Graph graph = TorchViz.capture(List.of(model.forward(List.of(x)).get(0).sum()), model.namedParameters(), MEMORY);

      String svg = svg(new Digraph(graph, RenderOptions.defaults().withClusters(true)));
      assertThat(svg).contains(">held for backward:<", ">204.2 KB without parameters,<", ">419.2 KB with<");
      assertThat(svg).contains(">saved: 5.1 KB<").containsPattern(">layers\\.0, 33,472 params, saved [0-9.]+ KB");

      JsonNode json = new ObjectMapper().readTree(text(new Digraph(graph, RenderOptions.defaults()), Format.JSON));
      assertThat(json.get("memory").get("savedBytes").asLong()).isEqualTo(419_200);
      assertThat(json.get("memory").get("savedBytesWithoutParameters").asLong()).isEqualTo(204_160);
      long perNode = 0;
      for (JsonNode node : json.get("nodes")) {
        perNode += node.has("savedBytes") ? node.get("savedBytes").asLong() : 0;
      }
      assertThat(perNode).as("per-node bytes add up to the total").isEqualTo(419_200);

      Graph boxes = Drawing.of(graph, new DrawingOptions(1, false, 0, 50)).graph();
      assertThat(boxes.savedBytes()).as("collapsing keeps the total").isEqualTo(graph.savedBytes());
      assertThat(boxes.nodes()).filteredOn(n -> n.kind() == NodeKind.MODULE).allSatisfy(box ->
          assertThat(box.attributes()).anySatisfy(a -> assertThat(a.name()).isEqualTo("saved")));
    }
  }

  @Test
  void withoutMemoryThePictureHasNoMemoryText() throws IOException {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      String svg = svg(TorchViz.makeDot(neuron.outputs(), neuron.params(), MakeDotOptions.defaults()));
      assertThat(svg).doesNotContain("saved").doesNotContain("held for backward");
    }
  }

  private static String svg(Digraph digraph) throws IOException {
    return text(digraph, Format.SVG);
  }

  private static String text(Digraph digraph, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    digraph.render(format, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
