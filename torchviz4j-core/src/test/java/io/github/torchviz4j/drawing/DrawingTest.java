package io.github.torchviz4j.drawing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.TensorData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drawing stage: one pure step from a graph and options to what a picture shows. */
class DrawingTest {

  private static Graph withGradient(Graph graph, String id, double norm) {
    TensorData gradient = new TensorData(List.of(), GradientState.PRESENT, norm, norm, List.of());
    return graph.withNodes(graph.nodes().stream().map(n -> n.id().equals(id) ? n.withData(gradient) : n).toList(),
        graph.modules());
  }

  @Test
  void depthCollapsesModulesIntoBoxesAndLeavesTheGraphAlone() {
    Graph placed = TestGraphs.twoLayersPlaced();

    Drawing drawing = Drawing.of(placed, new DrawingOptions(1, false, 0, 50));

    assertThat(drawing.source()).isSameAs(placed);
    assertThat(drawing.nodes()).filteredOn(n -> n.role() == Role.MODULE).extracting(n -> n.node().name())
        .containsExactly("b", "a");   // every dotted level counts (issue 16): "b" is depth 1
    assertThat(drawing.nodes()).as("flat: no clusters").allMatch(n -> n.cluster().isEmpty());
    assertThat(placed.nodes()).noneMatch(n -> n.kind() == NodeKind.MODULE);
    assertThat(drawing.edges()).hasSizeLessThan(placed.edges().size());
  }

  @Test
  void clustersKeepModulePathsAndTheViewerDepthIsASetting() {
    Drawing drawing = Drawing.of(TestGraphs.twoLayersPlaced(), new DrawingOptions(0, true, 1, 50));

    assertThat(drawing.nodes()).filteredOn(n -> n.node().id().equals("w_a")).singleElement()
        .satisfies(n -> assertThat(n.cluster()).isEqualTo("a"));
    assertThat(drawing.options().collapsedDepth()).isEqualTo(1);
    assertThat(drawing.nodes()).hasSameSizeAs(TestGraphs.twoLayersPlaced().nodes());
  }

  @Test
  void theLegendIsPartOfTheDrawingNeverOfTheGraph() {
    Graph graph = withGradient(withGradient(TestGraphs.neuron(), "n4", 0.01), "n7", 2.0);

    Drawing drawing = Drawing.of(graph, DrawingOptions.defaults());

    assertThat(graph.nodes()).noneMatch(n -> n.kind() == NodeKind.NOTE);
    assertThat(drawing.legend()).extracting(Node::id).containsExactly("legend:title", "legend:0", "legend:1",
        "legend:2", "legend:3", "legend:4", "legend:problem");
    assertThat(drawing.nodes().subList(graph.nodes().size(), drawing.nodes().size()))
        .extracting(DrawnNode::node).containsExactlyElementsOf(drawing.legend());
    assertThat(drawing.nodes()).filteredOn(n -> n.node().id().equals("legend:title")).singleElement()
        .satisfies(n -> assertThat(n.lines()).containsExactly("gradient norm", "(log scale)"));
    // the largest gradient gets the top of the scale, as its swatch does
    int top = drawing.nodes().stream().filter(n -> n.node().id().equals("legend:4")).findFirst().orElseThrow().fill();
    assertThat(drawing.statements().fill("n7")).isEqualTo(top).isNotEqualTo(Role.LEAF.rgb());
  }

  @Test
  void aGraphWithoutGradientsOrModulesIsDrawnAsTorchvizDrawsIt() {
    Graph neuron = TestGraphs.neuron();

    Drawing drawing = Drawing.of(neuron, DrawingOptions.defaults());

    assertThat(drawing.graph()).isSameAs(neuron);
    assertThat(drawing.legend()).isEmpty();
    assertThat(drawing.nodes()).extracting(DrawnNode::role).containsExactly(Role.OUTPUT, Role.FUNCTION,
        Role.FUNCTION, Role.FUNCTION, Role.LEAF, Role.FUNCTION, Role.FUNCTION, Role.LEAF);
    assertThat(drawing.nodes().get(7).lines()).containsExactly("layer1.weight", " (1, 2)");
  }
}
