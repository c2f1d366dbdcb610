package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.drawing.TorchvizStatements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Values and gradients on the graph, checked against hand-computed numbers. */
class GradientViewTest {
  private static final MakeDotOptions GRADIENTS =
      MakeDotOptions.builder().showGradients(true).showValues(10).build();

  private static Node named(Graph graph, String name) {
    return graph.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void seedNeuronShowsItsOutputAndHandComputedGradients() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward();

      Graph graph = TorchViz.capture(neuron.outputs(), neuron.params(), GRADIENTS);

      // y = tanh(0.6 * 1 - 0.2 * 2 + 0.8) = tanh(1); dy/dw = (1 - tanh(1)^2) * x; dy/db = 1 - tanh(1)^2.
      double slope = 1 - Math.pow(Math.tanh(1), 2);
      Node output = graph.node(graph.outputs().get(0));
      assertThat(output.data().values()).singleElement().satisfies(v -> assertThat(v).isCloseTo(Math.tanh(1), within(1e-6)));
      Node weight = named(graph, "layer1.weight");
      assertThat(weight.data().values()).containsExactly(0.6000000238418579, -0.20000000298023224);
      assertThat(weight.data().gradientState()).isEqualTo(GradientState.PRESENT);
      assertThat(weight.data().gradientValues().get(0)).isCloseTo(slope, within(1e-6));
      assertThat(weight.data().gradientValues().get(1)).isCloseTo(2 * slope, within(1e-6));
      assertThat(weight.data().gradientNorm()).isCloseTo(slope * Math.sqrt(5), within(1e-6));
      assertThat(named(graph, "layer1.bias").data().gradientMaxAbs()).isCloseTo(slope, within(1e-6));
      assertThat(TorchvizStatements.of(graph).label(output.id())).isEqualTo("\n (1, 1)\n = 0.7616");
      assertThat(TorchvizStatements.of(graph).label(weight.id()))
          .isEqualTo("layer1.weight\n (1, 2)\n = [0.6, -0.2]\n grad = [0.42, 0.8399]\n |grad| 0.9391, max 0.8399");
    }
  }

  @Test
  void detachedBranchLeavesItsParametersWithoutGradient() {
    try (PointerScope scope = new PointerScope()) {
      Tensor used = torch.ones(3).requires_grad_(true);
      Tensor detached = torch.ones(3).requires_grad_(true);
      Tensor unrelated = torch.ones(2).requires_grad_(true);
      Tensor loss = used.mul(detached.mul(new Scalar(2)).detach()).sum();
      loss.backward();
      Map<String, Tensor> params = new LinkedHashMap<>();
      params.put("used", used);
      params.put("detached", detached);
      params.put("unrelated", unrelated);

      Graph graph = TorchViz.capture(List.of(loss), params, GRADIENTS);

      assertThat(named(graph, "used").data().gradientState()).isEqualTo(GradientState.PRESENT);
      assertThat(graph.nodes()).noneMatch(n -> n.name().equals("detached"));
      assertThat(graph.unusedParameters()).containsExactly("detached", "unrelated");
      String source = TorchViz.makeDot(List.of(loss), params, GRADIENTS).source();
      assertThat(source).contains("not in the graph,\nno gradient:\ndetached\nunrelated");
    }
  }

  @Test
  void parametersThatMadeNanAreMarkedAndNoOthers() {
    try (PointerScope scope = new PointerScope()) {
      Tensor healthy = torch.ones(2).requires_grad_(true);
      Tensor broken = torch.ones(2).neg().requires_grad_(true);
      Tensor loss = healthy.mul(new Scalar(3)).sum().add(broken.sqrt().sum());
      loss.backward();

      Graph graph = TorchViz.capture(List.of(loss), Map.of("healthy", healthy, "broken", broken), GRADIENTS);
      TorchvizStatements drawing = TorchvizStatements.of(graph);

      assertThat(named(graph, "broken").data().gradientState()).isEqualTo(GradientState.NAN);
      assertThat(named(graph, "healthy").data().gradientState()).isEqualTo(GradientState.PRESENT);
      assertThat(drawing.fill(named(graph, "broken").id())).isEqualTo(io.github.torchviz4j.drawing.GradientScale.PROBLEM_RGB);
      assertThat(drawing.fill(named(graph, "healthy").id())).isNotEqualTo(io.github.torchviz4j.drawing.GradientScale.PROBLEM_RGB);
    }
  }

  @Test
  void coloursFollowTheOrderOfTheNorms() {
    try (PointerScope scope = new PointerScope()) {
      Tensor small = torch.ones(4).requires_grad_(true);
      Tensor medium = torch.ones(4).requires_grad_(true);
      Tensor large = torch.ones(4).requires_grad_(true);
      Tensor loss = small.mul(new Scalar(0.001)).sum().add(medium.mul(new Scalar(0.1)).sum()).add(large.mul(new Scalar(10)).sum());
      loss.backward();

      Graph graph = TorchViz.capture(List.of(loss), Map.of("small", small, "medium", medium, "large", large), GRADIENTS);
      TorchvizStatements drawing = TorchvizStatements.of(graph);

      // viridis gets lighter as the norm grows: compare luminance.
      double low = luminance(drawing.fill(named(graph, "small").id()));
      double mid = luminance(drawing.fill(named(graph, "medium").id()));
      double high = luminance(drawing.fill(named(graph, "large").id()));
      assertThat(low).isLessThan(mid);
      assertThat(mid).isLessThan(high);
    }
  }

  private static double luminance(int rgb) {
    return 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
  }
}
