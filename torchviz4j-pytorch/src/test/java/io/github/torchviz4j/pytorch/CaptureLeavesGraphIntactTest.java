package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Capture only reads the autograd graph: after many captures (with saved tensors and attributes,
 * which run compiled_args on every node) backward still runs and gives the gradients it gives
 * without them. A capture that freed or unpinned a node would crash here or change the numbers.
 */
class CaptureLeavesGraphIntactTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"neuron", "mlp", "cnn", "views_output", "multi_output"})
  void backwardAfterCapturesMatchesBackwardWithout(String caseName) {
    MakeDotOptions detailed = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case untouched = ReferenceModels.build(caseName);
      untouched.outputs().get(0).sum().backward();
      ReferenceModels.Case captured = ReferenceModels.build(caseName);
      for (int i = 0; i < 20; i++) {
        TorchViz.capture(captured.outputs(), captured.params(), detailed);
        TorchViz.capture(captured.outputs(), captured.params());
        System.gc();
      }

      captured.outputs().get(0).sum().backward();

      for (String name : untouched.params().keySet()) {
        Tensor expected = untouched.params().get(name).grad();
        Tensor actual = captured.params().get(name).grad();
        assertThat(actual.defined()).as(name).isEqualTo(expected.defined());
        if (expected.defined()) {
          assertThat(actual.sub(expected).abs().max().item_double()).as(name).isLessThan(1e-6);
        }
      }
    }
  }
}
