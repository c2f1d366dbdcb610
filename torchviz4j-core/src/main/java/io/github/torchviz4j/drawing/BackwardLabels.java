package io.github.torchviz4j.drawing;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.BackwardPass;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeGradient;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.TensorData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge labels of a drawing that shows a replayed backward pass: on each drawn edge the
 * gradient that flowed back along it, as its values when it has at most {@link #MAX_VALUES}
 * elements and they were recorded, else as its norm ({@code |grad| 1.234}). Stateless.
 */
final class BackwardLabels {
  /** Gradients with at most this many elements are labelled with their values. */
  static final int MAX_VALUES = 4;

  /** The id of the legend note that explains the labels. */
  static final String NOTE_ID = "legend:backward";

  private BackwardLabels() {}

  /**
   * The pass a drawing shows: the source's, restricted to the drawn nodes.
   *
   * @param source the captured graph
   * @param drawn the graph as drawn
   * @return the pass
   * @throws Torchviz4jException if the source carries none
   */
  static BackwardPass pass(Graph source, Graph drawn) {
    BackwardPass pass = source.backward().orElseThrow(() -> new Torchviz4jException(
        "showBackward needs a graph that carries its replayed backward pass, and this one does not;"
            + " capture with MakeDotOptions.builder().showBackward(true) (--backward), or draw"
            + " TorchViz.traceBackward(...).graphWithPass()"));
    java.util.Set<String> ids = new java.util.HashSet<>();
    drawn.nodes().forEach(node -> ids.add(node.id()));
    return ids.size() == source.nodes().size() && source.nodes().stream().allMatch(n -> ids.contains(n.id()))
        ? pass : pass.restrictedTo(ids::contains);
  }

  /**
   * One label per drawn edge, in edge order: the gradient on the edge, or empty for edges along
   * which nothing flows back (saved tensors, views) or that the pass does not name.
   *
   * @param drawn the graph as drawn
   * @param pass its backward pass
   * @return the labels
   */
  static List<String> of(Graph drawn, BackwardPass pass) {
    Map<String, ArrayDeque<Gradient>> byEnds = new HashMap<>();
    for (EdgeGradient gradient : pass.edgeGradients()) {
      byEnds.computeIfAbsent(gradient.tail() + '\u0000' + gradient.head(), k -> new ArrayDeque<>())
          .add(gradient.gradient());
    }
    List<String> labels = new ArrayList<>(drawn.edges().size());
    for (Edge edge : drawn.edges()) {
      ArrayDeque<Gradient> queue = byEnds.get(edge.tail() + '\u0000' + edge.head());
      Gradient gradient = queue == null ? null : queue.poll();
      labels.add(gradient == null ? "" : text(gradient));
    }
    return labels;
  }

  /**
   * A gradient as an edge label.
   *
   * @param gradient the gradient
   * @return its values ({@code 0.42}, {@code [0.42, 0.8399]}), its norm ({@code |grad| 3.162}), or
   *     {@code none} when the function sent none
   */
  static String text(Gradient gradient) {
    if (!gradient.defined()) {
      return "none";
    }
    if (!gradient.values().isEmpty() && gradient.values().size() <= MAX_VALUES) {
      return whole(NumberText.of(gradient.values()));
    }
    return "|grad| " + whole(NumberText.of(gradient.norm()));
  }

  /** Whole numbers without PyTorch's trailing point: {@code 1}, not {@code 1.}. */
  private static String whole(String numbers) {
    return numbers.replaceAll("(\\d)\\.(?=$|[,\\]])", "$1");
  }

  /**
   * The legend note that says what the edge labels are.
   *
   * @param pass the pass drawn
   * @return the note
   */
  static Node note(BackwardPass pass) {
    String text = "edge labels: the gradient backward()\nsends back along each edge (against\nthe arrow): values, or |grad| = L2 norm"
        + (pass.note().isEmpty() ? "" : "\n" + pass.note());
    return new Node(NOTE_ID, NodeKind.NOTE, text, List.of(), List.of(), "", -1, TensorData.NONE);
  }
}
