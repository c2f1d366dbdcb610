package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.NodeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad and unusual tensors and parameters given to capture: a clear exception or a correct graph. */
class CaptureInputsTest {
  private static final MakeDotOptions DETAILED = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();

  @TempDir Path directory;

  @Test
  void freedTensorIsRejected() {
    Tensor freed = torch.ones(2).requires_grad_(true).mul(torch.ones(2));
    freed.close();

    assertThatThrownBy(() -> TorchViz.makeDot(freed))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("undefined tensor");
  }

  @Test
  void emptyOutputListIsRejected() {
    assertThatThrownBy(() -> TorchViz.capture(List.of(), Map.of()))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("no outputs");
  }

  @Test
  void nullParameterNameOrTensorIsRejected() {
    try (PointerScope scope = new PointerScope()) {
      Tensor y = torch.ones(2).requires_grad_(true).sum();
      Map<String, Tensor> nullTensor = new LinkedHashMap<>();
      nullTensor.put("w", null);

      assertThatThrownBy(() -> TorchViz.makeDot(y, nullTensor))
          .isInstanceOf(Torchviz4jException.class).hasMessageContaining("parameter 'w' is null");
    }
  }

  @Test
  void nonLeafParameterNamesTheOutputItIs() {
    try (PointerScope scope = new PointerScope()) {
      Tensor w = torch.ones(3).requires_grad_(true);
      Tensor hidden = w.mul(w);
      Tensor y = hidden.sum();

      String source = TorchViz.makeDot(List.of(hidden, y), Map.of("w", w, "hidden", hidden),
          MakeDotOptions.defaults()).source();

      // torchviz names any tensor found in params by identity: the non-leaf output too.
      assertThat(source).contains("[label=\"hidden\n (3)\" fillcolor=darkolivegreen1]",
          "[label=\"w\n (3)\" fillcolor=lightblue]");
    }
  }

  @Test
  void sameTensorUnderTwoNamesTakesTheFirstName() {
    try (PointerScope scope = new PointerScope()) {
      Tensor w = torch.ones(3).requires_grad_(true);
      Map<String, Tensor> params = new LinkedHashMap<>();
      params.put("first", w);
      params.put("second", w);

      String source = TorchViz.makeDot(w.sum(), params).source();

      // As dict(model.named_parameters()) names a tied tensor: once, by its first name.
      assertThat(source).contains("[label=\"first\n (3)\"").doesNotContain("second");
    }
  }

  @Test
  void afterBackwardWithRetainGraphSavedTensorsAreStillThere() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward(new Tensor(), new BoolOptional(true), false,
          new TensorArrayRefOptional());

      String source = TorchViz.makeDot(neuron.outputs(), neuron.params(), DETAILED).source();

      assertThat(DotCanonicalizer.canonicalize(source))
          .isEqualTo(uncheckedReference("neuron", "attrs.canon.gv"));
    }
  }

  @Test
  void tensorsOnTheMetaDeviceAreDrawnFromTheirShapes() throws IOException {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.ones(new long[] {2, 3}, new TensorOptions(new Device("meta"))).requires_grad_(true);
      Tensor y = torch.tanh(x.mul(x)).sum();

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x), DETAILED);
      Path svg = TorchViz.makeDot(List.of(y), Map.of("x", x), DETAILED).save(directory.resolve("meta.svg"));

      assertThat(graph.nodes()).filteredOn(n -> n.kind() == NodeKind.TENSOR && n.name().equals("x"))
          .singleElement().satisfies(n -> assertThat(n.shape()).containsExactly(2L, 3L));
      assertThat(Files.readString(svg)).contains("TanhBackward0", "MulBackward0");
    }
  }

  @Test
  void zeroDimensionalAndEmptyTensorsKeepTheirShapes() {
    try (PointerScope scope = new PointerScope()) {
      Tensor scalar = torch.ones(new long[] {}).requires_grad_(true);
      Tensor empty = torch.ones(0, 4).requires_grad_(true);

      String source = TorchViz.makeDot(List.of(scalar.mul(empty.sum())), Map.of("s", scalar, "e", empty),
          MakeDotOptions.defaults()).source();

      assertThat(source).contains("[label=\"s\n ()\" fillcolor=lightblue]", "[label=\"e\n (0, 4)\" fillcolor=lightblue]");
    }
  }

  @Test
  void hostileParameterNamesAreDrawnAsText() throws Exception {
    List<String> names = List.of("quote\"d", "back\\slash", "new\nline", "<img src=x onerror=alert(1)>",
        "a&b", "{braces}", "tab\tcontrol\u0007", "\u05e9\u05dc\u05d5\u05dd right-to-left", "emoji \ud83d\ude00",
        "x".repeat(10_000));
    try (PointerScope scope = new PointerScope()) {
      Map<String, Tensor> params = new LinkedHashMap<>();
      Tensor y = torch.zeros(new long[] {});
      for (String name : names) {
        Tensor leaf = torch.ones(2).requires_grad_(true);
        params.put(name, leaf);
        y = y.add(leaf.sum());
      }
      var dot = TorchViz.makeDot(List.of(y), params, MakeDotOptions.defaults());

      List<Path> files = new ArrayList<>();
      for (String file : List.of("names.gv", "names.svg", "names.png", "names.pdf", "names.html", "names.json")) {
        files.add(dot.save(directory.resolve(file)));
      }

      for (Path file : files) {
        assertThat(file).isNotEmptyFile();
      }
      String svg = Files.readString(directory.resolve("names.svg"));
      javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(directory.resolve("names.svg").toFile());
      assertThat(svg).contains("&lt;img src=x onerror=alert(1)&gt;", "quote&quot;d", "a&amp;b");
      assertThat(Files.readString(directory.resolve("names.html"))).doesNotContain("<img src=x");
    }
  }

  private static String uncheckedReference(String caseName, String file) {
    try {
      return TorchVizFidelityTest.reference(caseName, file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
