package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.BackwardStep;
import io.github.torchviz4j.graph.BackwardTrace;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeGradient;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replayed backward pass, checked against hand-computed numbers and libtorch's own backward(). */
class BackwardTraceTest {
  private static final double SLOPE = 1 - Math.pow(Math.tanh(1), 2);   // d tanh(z)/dz at z = 1: 0.41997

  @Test
  void seedNeuronRunsFromOneThroughTanhToItsParameters() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();

      BackwardTrace trace = TorchViz.traceBackward(neuron.outputs(), neuron.params());

      assertThat(trace.seeds()).singleElement().satisfies(seed -> assertThat(seed.gradient().values()).containsExactly(1.0));
      assertThat(trace.steps()).extracting(BackwardStep::name)
          .containsExactly("TanhBackward0", "AddmmBackward0", "AccumulateGrad", "TBackward0", "AccumulateGrad");
      BackwardStep tanh = trace.steps().get(0);
      assertThat(tanh.received()).singleElement().satisfies(g -> assertThat(g.values()).containsExactly(1.0));
      EdgeGradient intoAddmm = tanh.sent().get(0);
      assertThat(trace.graph().node(intoAddmm.tail()).name()).isEqualTo("AddmmBackward0");
      assertThat(intoAddmm.gradient().values()).singleElement().satisfies(v -> assertThat(v).isCloseTo(SLOPE, within(1e-6)));
      assertThat(intoAddmm.gradient().shape()).containsExactly(1L, 1L);
      assertThat(intoAddmm.gradient().dtype()).isEqualTo("float32");
      Gradient weight = trace.parameterGradient("layer1.weight").orElseThrow();
      assertThat(weight.values().get(0)).isCloseTo(SLOPE, within(1e-6));
      assertThat(weight.values().get(1)).isCloseTo(2 * SLOPE, within(1e-6));
      assertThat(weight.shape()).containsExactly(1L, 2L);
      assertThat(trace.parameterGradient("layer1.bias").orElseThrow().values())
          .singleElement().satisfies(v -> assertThat(v).isCloseTo(SLOPE, within(1e-6)));
      assertThat(neuron.params().get("layer1.weight").grad().defined()).as("user's .grad untouched").isFalse();
      assertThat(trace.note()).isEmpty();
    }
  }

  @Test
  void everyRecordedEdgeIsAnEdgeOfTheGraph() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case mlp = ReferenceModels.build("mlp");
      BackwardTrace trace = TorchViz.traceBackward(mlp.outputs(), mlp.params());
      List<Edge> edges = trace.graph().edges();
      for (EdgeGradient recorded : trace.edgeGradients()) {
        assertThat(edges).anySatisfy(edge -> {
          assertThat(edge.tail()).isEqualTo(recorded.tail());
          assertThat(edge.head()).isEqualTo(recorded.head());
        });
      }
      long functions = trace.graph().nodes().stream().filter(n -> n.kind() == NodeKind.FUNCTION).count();
      assertThat(trace.steps()).hasSize((int) functions);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn"})
  void tracedGradientsEqualWhatBackwardPutsInGrad(String caseName) {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case model = ReferenceModels.build(caseName);
      Tensor loss = model.outputs().get(0).pow(new Scalar(2)).mean();

      BackwardTrace trace = TorchViz.traceBackward(List.of(loss), List.of(), model.params(), 0);
      model.params().values().forEach(p -> assertThat(p.grad().defined()).isFalse());
      loss.backward();

      for (Map.Entry<String, Tensor> param : model.params().entrySet()) {
        Tensor grad = param.getValue().grad();
        Gradient traced = trace.parameterGradient(param.getKey()).orElseThrow();
        double norm = grad.to(torch.ScalarType.Double).norm().item_double();
        assertThat(traced.norm()).as(param.getKey()).isCloseTo(norm, within(1e-6 * norm));
        assertThat(traced.shape()).containsExactlyElementsOf(shape(grad));
      }
    }
  }

  @Test
  void gradientsReachingOneInputTwiceAreSummed() {
    try (PointerScope scope = new PointerScope()) {
      Tensor a = Tensor.create(new float[] {3f}, 1).requires_grad_(true);
      Tensor y = a.mul(a);   // dy/da = 2a = 6, arriving as 3 + 3

      BackwardTrace trace = TorchViz.traceBackward(List.of(y), Map.of("a", a));

      BackwardStep mul = trace.steps().get(0);
      assertThat(mul.sent()).hasSize(2).allSatisfy(sent -> assertThat(sent.gradient().values()).containsExactly(3.0));
      assertThat(trace.parameterGradient("a").orElseThrow().values()).containsExactly(6.0);
    }
  }

  @Test
  void broadcastGradientsAreReducedToTheInputsShapeAsTheEngineDoes() {
    try (PointerScope scope = new PointerScope()) {
      Tensor column = torch.ones(3, 1).requires_grad_(true);
      Tensor matrix = torch.ones(3, 4).requires_grad_(true);
      Tensor sum = column.add(matrix).sum();

      BackwardTrace trace = TorchViz.traceBackward(List.of(sum), Map.of("column", column, "matrix", matrix));

      assertThat(trace.parameterGradient("column").orElseThrow().values()).containsExactly(4.0, 4.0, 4.0);
      assertThat(trace.parameterGradient("matrix").orElseThrow().shape()).containsExactly(3L, 4L);
    }
  }

  @Test
  void givenOutputGradientsStartThePass() {
    try (PointerScope scope = new PointerScope()) {
      Tensor w = Tensor.create(new float[] {2f, 5f}, 2).requires_grad_(true);
      Tensor y = w.mul(new Scalar(3));

      BackwardTrace trace = TorchViz.traceBackward(List.of(y), List.of(Tensor.create(new float[] {1f, 10f}, 2)),
          Map.of("w", w), 16);

      assertThat(trace.parameterGradient("w").orElseThrow().values()).containsExactly(3.0, 30.0);
      assertThatThrownBy(() -> TorchViz.traceBackward(List.of(y), List.of(torch.ones(3)), Map.of("w", w), 16))
          .isInstanceOf(Torchviz4jException.class).hasMessageContaining("shape of output 0");
    }
  }

  @Test
  void afterBackwardFreedTheGraphTheMessageSaysWhatToDo() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward();

      assertThatThrownBy(() -> TorchViz.traceBackward(neuron.outputs(), neuron.params()))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("freed by backward()")
          .hasMessageContaining("retain_graph");
    }
  }

  @Test
  void afterBackwardThatKeptTheGraphTheTraceStillRuns() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward(new Tensor(), new BoolOptional(true), false, null);

      BackwardTrace trace = TorchViz.traceBackward(neuron.outputs(), neuron.params());

      assertThat(trace.parameterGradient("layer1.bias").orElseThrow().norm()).isCloseTo(SLOPE, within(1e-6));
    }
  }

  @Test
  void aBigGraphRecordsNormsOnlyAndSaysSo() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.ones(2).requires_grad_(true);
      Tensor y = x;
      for (int i = 0; i < 5_100; i++) {
        y = y.mul(new Scalar(1.0));
      }

      BackwardTrace trace = TorchViz.traceBackward(List.of(y), Map.of("x", x));

      assertThat(trace.note()).contains("norms only").contains("5,000");
      Gradient gradient = trace.parameterGradient("x").orElseThrow();
      assertThat(gradient.values()).isEmpty();
      assertThat(gradient.norm()).isCloseTo(Math.sqrt(2), within(1e-9));
    }
  }

  @Test
  void anOutputWithoutGradFnGivesAnEmptyTrace() {
    try (PointerScope scope = new PointerScope()) {
      BackwardTrace trace = TorchViz.traceBackward(List.of(torch.ones(2)), Map.of());
      assertThat(trace.steps()).isEmpty();
      assertThat(trace.graph().nodes()).extracting(Node::kind).containsExactly(NodeKind.TENSOR);
    }
  }

  private static List<Long> shape(Tensor tensor) {
    return Arrays.stream(tensor.sizes().vec().get()).boxed().toList();
  }
}
