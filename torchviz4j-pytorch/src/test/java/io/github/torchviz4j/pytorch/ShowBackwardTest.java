package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.Scene;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;

/** {@code MakeDotOptions.showBackward}: the capture replays backward on libtorch and the drawing labels edges. */
class ShowBackwardTest {

  /** Labels by "tail name -> head name" (nodes named by their function class or parameter name). */
  private static Map<String, String> labelsByNames(Digraph digraph) {
    Drawing drawing = Scene.of(digraph.graph(), digraph.options()).drawing(Format.SVG);
    Graph graph = drawing.graph();
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < drawing.edges().size(); i++) {
      Edge edge = drawing.edges().get(i);
      labels.put(name(graph.node(edge.tail())) + "->" + name(graph.node(edge.head())), drawing.edgeLabels().get(i));
    }
    return labels;
  }

  private static String name(Node node) {
    return node.name().isEmpty() ? "output" : node.name();
  }

  @Test
  void seedNeuronEdgesShowTheRealGradientsWithSavedTensorsDrawnToo() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();

      Digraph digraph = TorchViz.makeDot(neuron.outputs(), neuron.params(),
          MakeDotOptions.builder().showBackward(true).showSaved(true).build());

      assertThat(digraph.options().showBackward()).isTrue();
      assertThat(labelsByNames(digraph))
          .containsEntry("TanhBackward0->output", "1")
          .containsEntry("AddmmBackward0->TanhBackward0", "0.42")
          .containsEntry("layer1.weight->AccumulateGrad", "[0.42, 0.8399]")
          .containsEntry("layer1.bias->AccumulateGrad", "0.42")
          .containsEntry("TBackward0->AddmmBackward0", "[0.42, 0.8399]");
      assertThat(neuron.params().get("layer1.weight").grad().defined()).as(".grad untouched").isFalse();
    }
  }

  @Test
  void withoutTheOptionTheDotIsTorchvizText() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();

      String plain = TorchViz.makeDot(neuron.outputs(), neuron.params(), MakeDotOptions.defaults()).source();
      String labelled = TorchViz.makeDot(neuron.outputs(), neuron.params(),
          MakeDotOptions.builder().showBackward(true).build()).source();

      assertThat(plain).doesNotContain("label=0.42");
      assertThat(labelled).contains("[label=0.42 fontcolor=");
    }
  }

  @Test
  void afterAFreeingBackwardTheCaptureSaysToCaptureFirst() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case neuron = ReferenceModels.neuron();
      neuron.outputs().get(0).sum().backward();

      assertThatThrownBy(() -> TorchViz.makeDot(neuron.outputs(), neuron.params(),
          MakeDotOptions.builder().showBackward(true).build()))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("retain_graph");
    }
  }

  @Test
  void everyDrawnGradientEdgeOfACnnIsLabelled() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case cnn = ReferenceModels.build("cnn");

      Digraph digraph = TorchViz.makeDot(List.of(cnn.outputs().get(0).sum()), cnn.params(),
          MakeDotOptions.builder().showBackward(true).build());

      Drawing drawing = Scene.of(digraph.graph(), digraph.options()).drawing(Format.PNG);
      assertThat(drawing.edgeLabels()).hasSameSizeAs(drawing.edges()).doesNotContain("");
      assertThat(drawing.edgeLabels()).anyMatch(label -> label.startsWith("|grad| "));
    }
  }
}
