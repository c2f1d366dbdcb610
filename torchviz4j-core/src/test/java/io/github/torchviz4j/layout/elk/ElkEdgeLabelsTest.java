package io.github.torchviz4j.layout.elk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.graph.BackwardPass;
import io.github.torchviz4j.graph.BackwardStep;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeGradient;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.layout.EdgeLabel;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.SampleGraphs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edge labels on graphs whose edges ELK does not all route: a large chain (its runs are stacked
 * by us) and an unrolled RNN (its weight's edges run down one trunk). Every gradient edge gets its
 * label, inside the picture.
 */
class ElkEdgeLabelsTest {

  /** A pass that sends a norm-only gradient along every input, leaf and output edge. */
  private static Graph withPass(Graph graph) {
    Gradient gradient = new Gradient(true, List.of(16L), "float32", 2.0, List.of());
    List<EdgeGradient> seeds = new ArrayList<>();
    List<BackwardStep> steps = new ArrayList<>();
    for (Node node : graph.nodes()) {
      if (node.kind() == NodeKind.FUNCTION) {
        steps.add(new BackwardStep(node.id(), node.name(), List.of(gradient),
            graph.incoming(node.id()).stream().map(e -> new EdgeGradient(e.tail(), e.head(), gradient)).toList()));
      }
    }
    for (Edge edge : graph.edges()) {
      if (edge.kind() == EdgeKind.OUTPUT) {
        seeds.add(new EdgeGradient(edge.tail(), edge.head(), gradient));
      }
    }
    return graph.withBackward(new BackwardPass(seeds, steps, ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"chain", "rnn"})
  void everyGradientEdgeIsLabelledInsideThePicture(String shape) {
    Graph graph = withPass(shape.equals("chain") ? SampleGraphs.chain(1_500) : SampleGraphs.sharedWeight(12));
    Drawing drawing = Drawing.of(graph, DrawingOptions.defaults().withBackward(true));

    Layout layout = new ElkLayoutEngine().layout(drawing, LayoutOptions.defaults());

    long gradientEdges = graph.edges().stream().filter(e -> e.kind() != EdgeKind.VIEW && e.kind() != EdgeKind.SAVED).count();
    assertThat(layout.edgeLabels()).hasSize((int) gradientEdges);
    for (EdgeLabel label : layout.edgeLabels()) {
      assertThat(label.line().text()).isEqualTo("|grad| 2");
      assertThat(label.box().x()).isGreaterThanOrEqualTo(0);
      assertThat(label.box().maxX()).isLessThanOrEqualTo(layout.width());
      assertThat(label.box().y()).isGreaterThanOrEqualTo(0);
      assertThat(label.box().maxY()).isLessThanOrEqualTo(layout.height());
    }
  }
}
