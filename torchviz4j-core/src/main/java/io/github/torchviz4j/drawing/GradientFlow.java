package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient-flow summary PyTorch users draw with {@code plot_grad_flow}: per module that owns
 * parameters, input side first (the reverse of the order the backward walk reaches them), the
 * parameter count and the mean and largest gradient norm of its parameters. Immutable.
 *
 * <pre>{@code
 * GradientFlow flow = GradientFlow.of(TorchViz.capture(List.of(loss), params,
 *     MakeDotOptions.builder().showGradients(true).build()));
 * }</pre>
 *
 * @param rows one row per module, input side first
 */
public record GradientFlow(List<Row> rows) {

  /**
   * One module's gradients.
   *
   * @param module the module's path (empty for parameters of the root model)
   * @param parameters how many parameter elements it owns
   * @param meanNorm the mean L2 norm of its parameters' gradients (over those that have one)
   * @param maxNorm the largest of those norms
   * @param problems how many of its parameters have a missing, all-zero, NaN or Inf gradient
   */
  public record Row(String module, long parameters, double meanNorm, double maxNorm, int problems) {}

  /**
   * Copies the rows.
   *
   * @param rows one row per module, input side first
   */
  public GradientFlow {
    rows = List.copyOf(Checks.notNull(rows, "rows"));
  }

  /**
   * Summarises the gradients captured in a graph ({@code showGradients}).
   *
   * @param graph a graph whose parameters carry gradients
   * @return the summary; empty when no gradients were captured
   */
  public static GradientFlow of(Graph graph) {
    Map<String, List<Node>> byModule = new LinkedHashMap<>();
    for (Node node : graph.nodes()) {
      if (node.kind() == NodeKind.TENSOR && !node.name().isEmpty()
          && node.data().gradientState() != GradientState.NOT_CAPTURED) {
        byModule.computeIfAbsent(ModuleInfo.parentOf(node.name()), k -> new ArrayList<>()).add(node);
      }
    }
    List<Row> rows = new ArrayList<>();
    byModule.forEach((module, parameters) -> rows.add(0, row(module, parameters)));
    return new GradientFlow(rows);
  }

  private static Row row(String module, List<Node> parameters) {
    long elements = 0;
    double sum = 0;
    double max = 0;
    int present = 0;
    int problems = 0;
    for (Node parameter : parameters) {
      elements += parameter.elements();
      if (parameter.data().gradientState() == GradientState.PRESENT) {
        sum += parameter.data().gradientNorm();
        max = Math.max(max, parameter.data().gradientNorm());
        present++;
      } else if (parameter.data().gradientState().isProblem()) {
        problems++;
      }
    }
    return new Row(module, elements, present == 0 ? Double.NaN : sum / present, present == 0 ? Double.NaN : max, problems);
  }
}
