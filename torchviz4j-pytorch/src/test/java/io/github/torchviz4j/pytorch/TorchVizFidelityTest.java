package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our DOT equals the real torchviz's, byte for byte after renaming node ids. */
class TorchVizFidelityTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"neuron", "mlp", "cnn", "views", "views_output", "views_leaf", "multi_output"})
  void dotMatchesTorchvizReference(String caseName) throws IOException {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case model = ReferenceModels.build(caseName);

      String source = TorchViz.makeDot(model.outputs(), model.params(), MakeDotOptions.defaults()).source();

      assertThat(DotCanonicalizer.canonicalize(source)).isEqualTo(reference(caseName, "dot.canon.gv"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"neuron", "mlp", "cnn", "views", "views_output", "views_leaf", "multi_output"})
  void showAttrsAndShowSavedMatchTorchvizReference(String caseName) throws IOException {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case model = ReferenceModels.build(caseName);
      MakeDotOptions options = MakeDotOptions.builder().showAttrs(true).showSaved(true).build();

      String source = TorchViz.makeDot(model.outputs(), model.params(), options).source();

      assertThat(DotCanonicalizer.canonicalize(source)).isEqualTo(reference(caseName, "attrs.canon.gv"));
    }
  }

  @Test
  void seedNeuronComputesTanhOfOne() {
    try (PointerScope scope = new PointerScope()) {
      Tensor yPred = ReferenceModels.neuron().outputs().get(0);

      assertThat(yPred.item_float()).isEqualTo(0.7615942f);
    }
  }

  static String reference(String caseName, String file) throws IOException {
    try (InputStream in = TorchVizFidelityTest.class.getResourceAsStream("/refs/" + caseName + "/" + file)) {
      assertThat(in).as("reference %s/%s in test resources", caseName, file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
