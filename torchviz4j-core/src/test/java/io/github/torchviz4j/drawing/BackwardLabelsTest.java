package io.github.torchviz4j.drawing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.BackwardGraphs;
import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.BackwardPass;
import io.github.torchviz4j.graph.BackwardStep;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeGradient;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.NodeKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackwardLabelsTest {

  private static Map<String, String> labelsByEnds(Drawing drawing) {
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < drawing.edges().size(); i++) {
      Edge edge = drawing.edges().get(i);
      labels.put(edge.tail() + "->" + edge.head(), drawing.edgeLabels().get(i));
    }
    return labels;
  }

  @Test
  void seedEdgesCarryTheGradientsBackwardSends() {
    Drawing drawing = Drawing.of(BackwardGraphs.neuron(), DrawingOptions.defaults().withBackward(true));

    assertThat(drawing.edgeLabels()).hasSize(drawing.edges().size());
    assertThat(labelsByEnds(drawing)).containsEntry("n1->n0", "1")          // the seed at the output
        .containsEntry("n2->n1", "0.42")                                     // into AddmmBackward0
        .containsEntry("n3->n2", "0.42")
        .containsEntry("n4->n3", "0.42")                                     // layer1.bias
        .containsEntry("n5->n2", "[0.42, 0.8399]")
        .containsEntry("n7->n6", "[0.42, 0.8399]");                          // layer1.weight
    assertThat(drawing.legend()).extracting(n -> n.id()).contains(BackwardLabels.NOTE_ID);
    assertThat(drawing.graph().backward()).isPresent();
  }

  @Test
  void withoutTheOptionNothingIsLabelledAndThePassIsNotDrawn() {
    Drawing drawing = Drawing.of(BackwardGraphs.neuron(), DrawingOptions.defaults());

    assertThat(drawing.edgeLabels()).isEmpty();
    assertThat(drawing.graph().backward()).isEmpty();
    assertThat(drawing.graph().nodes()).noneMatch(n -> n.kind() == NodeKind.NOTE);
  }

  @Test
  void bigOrUnrecordedGradientsShowTheirNormAndMissingOnesSayNone() {
    Gradient big = BackwardGraphs.gradient(List.of(5L), 3, 4, 0, 0, 0);      // norm 5, five elements
    Gradient normOnly = new Gradient(true, List.of(2L), "float32", 2.5, List.of());

    assertThat(BackwardLabels.text(big)).isEqualTo("|grad| 5");
    assertThat(BackwardLabels.text(normOnly)).isEqualTo("|grad| 2.5");
    assertThat(BackwardLabels.text(Gradient.UNDEFINED)).isEqualTo("none");
    assertThat(BackwardLabels.text(BackwardGraphs.gradient(List.of(2L), 1e-5, -2))).isEqualTo("[1.000e-05, -2]");
  }

  @Test
  void showingABackwardPassNeedsAGraphThatCarriesOne() {
    assertThatThrownBy(() -> Drawing.of(TestGraphs.neuron(), DrawingOptions.defaults().withBackward(true)))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("showBackward")
        .hasMessageContaining("MakeDotOptions.builder().showBackward(true)");
  }

  @Test
  void aPassNamingAnUnknownNodeIsRefused() {
    BackwardPass pass = new BackwardPass(List.of(), List.of(new BackwardStep("nope", "TanhBackward0", List.of(),
        List.of())), "");
    assertThatThrownBy(() -> TestGraphs.neuron().withBackward(pass))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("'nope'");
  }

  @Test
  void collapsedModulesKeepTheGradientsOfTheEdgesStillDrawn() {
    Graph placed = BackwardGraphs.neuron().withNodes(BackwardGraphs.neuron().nodes().stream()
        .map(n -> n.kind() == NodeKind.FUNCTION && !n.name().equals("TanhBackward0") ? n.withModulePath("layer1") : n)
        .toList(), List.of());

    Drawing drawing = Drawing.of(placed, new DrawingOptions(1, false, 0, 50).withBackward(true));

    assertThat(labelsByEnds(drawing)).containsEntry("n1->n0", "1");
    assertThat(drawing.graph().backward().orElseThrow().steps()).extracting(BackwardStep::function)
        .allMatch(id -> drawing.graph().nodes().stream().anyMatch(n -> n.id().equals(id)));
    for (EdgeGradient gradient : drawing.graph().backward().orElseThrow().edgeGradients()) {
      assertThat(drawing.graph().node(gradient.tail())).isNotNull();
    }
  }
}
