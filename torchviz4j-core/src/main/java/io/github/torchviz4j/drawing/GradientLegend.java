package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.SavedBytes;
import io.github.torchviz4j.graph.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * The notes drawn beside a graph whose gradients were captured: the colour scale of gradient norms
 * (log scale), the colour of problem gradients, and the parameters given but not in the graph,
 * which get no gradient from these outputs. Stateless.
 */
final class GradientLegend {
  private static final int SWATCHES = 5;
  private static final int MAX_LISTED = 20;

  private GradientLegend() {}

  /**
   * The legend notes of a graph with gradients, in drawing order; none for other graphs.
   *
   * @param graph the graph as drawn (after collapsing modules)
   * @return {@link NodeKind#NOTE} nodes for the legend, possibly none
   */
  static List<Node> notes(Graph graph) {
    boolean gradients = graph.nodes().stream()
        .anyMatch(n -> n.data().gradientState() != GradientState.NOT_CAPTURED);
    SavedBytes saved = graph.savedBytes();
    if (!gradients && graph.unusedParameters().isEmpty() && !saved.measured()) {
      return List.of();
    }
    List<Node> nodes = new ArrayList<>();
    if (saved.measured()) {
      nodes.add(note("legend:memory", "held for backward:\n" + SavedTotals.text(saved.withoutParameters())
          + " without parameters,\n" + SavedTotals.text(saved.total()) + " with", TensorData.NONE));
    }
    if (!gradients && graph.unusedParameters().isEmpty()) {
      return nodes;
    }
    GradientScale scale = GradientScale.of(graph);
    if (gradients) {
      nodes.add(note("legend:title", "gradient norm\\n(log scale)", TensorData.NONE));
    }
    if (scale != null) {
      double ratio = Math.pow(scale.highest() / scale.lowest(), 1.0 / (SWATCHES - 1));
      for (int i = 0; i < SWATCHES; i++) {
        double norm = scale.lowest() * Math.pow(ratio, i);
        nodes.add(note("legend:" + i, "|grad| " + NumberText.of(norm), withNorm(norm)));
      }
    }
    if (gradients) {
      TensorData problem = new TensorData(List.of(), GradientState.MISSING, Double.NaN, Double.NaN, List.of());
      nodes.add(note("legend:problem", "no, zero, NaN or\\nInf gradient", problem));
    }
    if (!graph.unusedParameters().isEmpty()) {
      nodes.add(note("legend:unused", unusedText(graph.unusedParameters()), TensorData.NONE));
    }
    return nodes;
  }

  private static TensorData withNorm(double norm) {
    return new TensorData(List.of(), GradientState.PRESENT, norm, norm, List.of());
  }

  private static Node note(String id, String text, TensorData data) {
    return new Node(id, NodeKind.NOTE, text.replace("\\n", "\n"), List.of(), List.of(), "", -1, data);
  }

  private static String unusedText(List<String> names) {
    StringBuilder text = new StringBuilder("not in the graph,\nno gradient:");
    names.stream().limit(MAX_LISTED).forEach(name -> text.append('\n').append(name));
    if (names.size() > MAX_LISTED) {
      text.append("\n... and ").append(names.size() - MAX_LISTED).append(" more");
    }
    return text.toString();
  }
}
