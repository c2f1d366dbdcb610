package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.NodeKind;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Capture on real libtorch tensors: bad input, odd graphs, scale and native memory. */
class TorchVizTest {

  @Test
  void nullOutputIsRejected() {
    assertThatThrownBy(() -> TorchViz.makeDot((Tensor) null))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("output tensor is null");
  }

  @Test
  void undefinedOutputIsRejected() {
    try (PointerScope scope = new PointerScope()) {
      assertThatThrownBy(() -> TorchViz.makeDot(new Tensor()))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("output 0 is an undefined tensor");
    }
  }

  @Test
  void outputWithoutGradIsOneGreenNode() {
    try (PointerScope scope = new PointerScope()) {
      Tensor constant = torch.ones(2, 3);

      String source = TorchViz.makeDot(constant).source();

      assertThat(source).isEqualTo("digraph {\n"
          + "\tgraph [size=\"12,12\"]\n"
          + "\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n"
          + "\tn0 [label=\"\n (2, 3)\" fillcolor=darkolivegreen1]\n"
          + "}\n");
    }
  }

  @Test
  void parametersOutsideTheGraphAreIgnored() throws IOException {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      Map<String, Tensor> params = new HashMap<>(neuron.params());
      params.put("unrelated", torch.ones(5).requires_grad_(true));

      String source = TorchViz.makeDot(neuron.outputs(), params, MakeDotOptions.defaults()).source();

      assertThat(DotCanonicalizer.canonicalize(source))
          .isEqualTo(TorchVizFidelityTest.reference("neuron", "dot.canon.gv"));
    }
  }

  @Test
  void undefinedParameterIsRejectedByName() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      Map<String, Tensor> params = new HashMap<>(neuron.params());
      params.put("broken", new Tensor());

      assertThatThrownBy(() -> TorchViz.makeDot(neuron.outputs().get(0), params))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("parameter 'broken' is an undefined tensor");
    }
  }

  @Test
  void unnamedLeavesWithoutParamsAreDrawnWithEmptyNames() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();

      String source = TorchViz.makeDot(neuron.outputs().get(0)).source();

      assertThat(source).contains("[label=\"\n (1, 2)\" fillcolor=lightblue]", "[label=\"\n (1)\" fillcolor=lightblue]");
    }
  }

  @Test
  void structureIsStillDrawnAfterBackwardFreedSavedTensors() throws IOException {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward();

      String source = TorchViz.makeDot(neuron.outputs(), neuron.params(), MakeDotOptions.defaults()).source();

      assertThat(DotCanonicalizer.canonicalize(source))
          .isEqualTo(TorchVizFidelityTest.reference("neuron", "dot.canon.gv"));
    }
  }

  @Test
  void repeatedInputGivesTwoEdges() {
    try (PointerScope scope = new PointerScope()) {
      Tensor a = torch.ones(3).requires_grad_(true);

      String source = TorchViz.makeDot(a.mul(a), Map.of("a", a)).source();

      assertThat(source.lines().filter(l -> l.matches("\tn\\d+ -> n1")).count()).isEqualTo(2);
      assertThat(source).containsOnlyOnce("[label=AccumulateGrad]");
    }
  }

  @Test
  void hundredThousandNodeChainIsCapturedIteratively() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.ones(4).requires_grad_(true);
      Tensor y = x;
      for (int i = 0; i < 100_000; i++) {
        y = y.neg();
      }

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x));

      assertThat(graph.nodes()).hasSize(100_003);
      assertThat(graph.nodes().stream().filter(n -> n.kind() == NodeKind.FUNCTION)).hasSize(100_001);
      assertThat(TorchViz.makeDot(y).source()).contains("[label=NegBackward0]");
    }
  }

  @Test
  void captureReleasesEveryNativeWrapperItCreates() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case cnn = ReferenceModels.build("cnn");
      TorchViz.capture(cnn.outputs(), cnn.params());
      long baseline = Pointer.totalCount();

      for (int i = 0; i < 50; i++) {
        TorchViz.capture(cnn.outputs(), cnn.params());
      }

      assertThat(Pointer.totalCount()).isLessThanOrEqualTo(baseline);
    }
  }
}
