package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Saved tensors and attributes read through compiled_args, on real libtorch nodes. These fail when
 * libtorch stops collecting fields in the order of the shipped field table.
 */
class SavedStateTest {
  private static final MakeDotOptions DETAILED = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();

  @Test
  void convolutionSavesInputThenWeightInTableOrder() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case cnn = ReferenceModels.build("cnn");
      Graph graph = TorchViz.capture(cnn.outputs(), cnn.params(), DETAILED);

      Node firstConvolution = graph.nodes().stream()
          .filter(n -> n.name().equals("ConvolutionBackward0"))
          .filter(n -> savedShapes(graph, n).containsValue(List.of(6L, 1L, 5L, 5L)))
          .findFirst().orElseThrow();

      assertThat(savedShapes(graph, firstConvolution)).containsExactly(
          Map.entry("input", List.of(2L, 1L, 28L, 28L)), Map.entry("weight", List.of(6L, 1L, 5L, 5L)));
      assertThat(text(firstConvolution)).containsExactly(
          "bias_sym_sizes_opt=(6,)", "dilation=(1, 1)", "groups=1", "input=[saved tensor]",
          "output_padding=(0, 0)", "padding=(0, 0)", "stride=(1, 1)", "transposed=False",
          "weight=[saved tensor]");
    }
  }

  @Test
  void everyAttributeOfCommonLayersIsRecovered() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.randn(2, 5, 8).requires_grad_(true);
      Tensor weight = torch.randn(8).requires_grad_(true);
      Tensor bias = torch.randn(8).requires_grad_(true);
      Tensor normed = torch.layer_norm(x, new long[] {8}, new org.bytedeco.pytorch.TensorOptional(weight), new org.bytedeco.pytorch.TensorOptional(bias), 1e-5, false);
      Tensor attention = torch.softmax(torch.bmm(normed, normed.transpose(1, 2)).div(new Scalar(2.0)), -1);
      Tensor y = torch.gelu(attention.matmul(normed)).pow(new Scalar(2)).mean();

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x, "w", weight, "b", bias), DETAILED);

      List<String> unknown = graph.nodes().stream()
          .flatMap(n -> n.attributes().stream().map(a -> n.name() + "." + a.name() + "=" + a.value().pythonText()))
          .filter(cell -> cell.endsWith("=?"))
          .toList();
      assertThat(unknown).isEmpty();
      assertThat(graph.nodes()).filteredOn(n -> n.name().equals("SoftmaxBackward0")).singleElement()
          .satisfies(n -> assertThat(text(n)).containsExactly("dim=18446744073709551615", "result=[saved tensor]"));
      assertThat(graph.nodes()).filteredOn(n -> n.name().equals("GeluBackward0")).singleElement()
          .satisfies(n -> assertThat(text(n)).containsExactly("approximate=none", "self=[saved tensor]"));
      assertThat(graph.nodes()).filteredOn(n -> n.name().equals("PowBackward0")).singleElement()
          .satisfies(n -> assertThat(text(n)).containsExactly("exponent=2", "self=[saved tensor]"));
    }
  }

  @Test
  void afterBackwardTheGraphIsDrawnAndFreedTensorsAreMarked() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward();

      Graph graph = TorchViz.capture(neuron.outputs(), neuron.params(), DETAILED);
      String source = TorchViz.makeDot(neuron.outputs(), neuron.params(), DETAILED).source();

      Node tanh = graph.nodes().stream().filter(n -> n.name().equals("TanhBackward0")).findFirst().orElseThrow();
      assertThat(text(tanh)).containsExactly("result=[freed]");
      Node addmm = graph.nodes().stream().filter(n -> n.name().equals("AddmmBackward0")).findFirst().orElseThrow();
      assertThat(text(addmm)).contains("alpha=1", "beta=1", "mat1=[freed]", "mat1_sym_sizes=?");
      assertThat(graph.nodes()).filteredOn(n -> n.kind() == NodeKind.FREED_TENSOR).isNotEmpty();
      assertThat(source).contains("[label=\"result\n (freed)\" fillcolor=orange]", "[label=AccumulateGrad]");
    }
  }

  @Test
  void aTensorModifiedInPlaceIsUnknownNotFreed() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.randn(4).requires_grad_(true);
      Tensor a = x.mul(new Scalar(2.0));
      Tensor y = a.sin();
      // sin saved a; the in-place add bumps its version, so libtorch refuses to unpack it, but
      // backward() never ran: nothing was freed.
      a.add_(new Scalar(1.0));

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x), DETAILED);
      String source = TorchViz.makeDot(List.of(y), Map.of("x", x), DETAILED).source();

      Node sin = graph.nodes().stream().filter(n -> n.name().equals("SinBackward0")).findFirst().orElseThrow();
      assertThat(text(sin)).containsExactly("self=?");
      assertThat(graph.nodes()).filteredOn(n -> n.kind() == NodeKind.FREED_TENSOR).isEmpty();
      assertThat(source).doesNotContain("freed");
    }
  }

  @Test
  void withRetainGraphNothingIsFreed() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward(new Tensor(), new org.bytedeco.pytorch.BoolOptional(true), false,
          new org.bytedeco.pytorch.TensorArrayRefOptional());

      Graph graph = TorchViz.capture(neuron.outputs(), neuron.params(), DETAILED);

      Node tanh = graph.nodes().stream().filter(n -> n.name().equals("TanhBackward0")).findFirst().orElseThrow();
      assertThat(text(tanh)).containsExactly("result=[saved tensor]");
      assertThat(graph.nodes()).filteredOn(n -> n.kind() == NodeKind.FREED_TENSOR).isEmpty();
    }
  }

  private static List<String> text(Node function) {
    return function.attributes().stream().map(a -> a.name() + "=" + a.value().pythonText()).toList();
  }

  private static Map<String, List<Long>> savedShapes(Graph graph, Node function) {
    return graph.outgoing(function.id()).stream()
        .filter(e -> e.kind() == EdgeKind.SAVED)
        .collect(Collectors.toMap(Edge::name, e -> graph.node(e.head()).shape(), (a, b) -> a,
            java.util.LinkedHashMap::new));
  }
}
