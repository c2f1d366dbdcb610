package io.github.torchviz4j;

import io.github.torchviz4j.graph.BackwardPass;
import io.github.torchviz4j.graph.BackwardStep;
import io.github.torchviz4j.graph.EdgeGradient;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.graph.Graph;
import java.util.List;

/**
 * The seed neuron ({@link TestGraphs#neuron()}) carrying the backward pass libtorch replays on it
 * (numbers as {@code BackwardTraceTest} measures them: d tanh(z)/dz at z = 1 is 0.41997).
 */
public final class BackwardGraphs {
  /** 1 - tanh(1)^2. */
  public static final double SLOPE = 1 - Math.pow(Math.tanh(1), 2);

  private BackwardGraphs() {}

  /**
   * The seed with its pass.
   *
   * @return the graph
   */
  public static Graph neuron() {
    Gradient one = gradient(List.of(1L, 1L), 1.0);
    Gradient slope = gradient(List.of(1L, 1L), SLOPE);
    Gradient bias = gradient(List.of(1L), SLOPE);
    Gradient weightT = gradient(List.of(2L, 1L), SLOPE, 2 * SLOPE);
    Gradient weight = gradient(List.of(1L, 2L), SLOPE, 2 * SLOPE);
    BackwardPass pass = new BackwardPass(
        List.of(new EdgeGradient("n1", "n0", one)),
        List.of(
            new BackwardStep("n1", "TanhBackward0", List.of(one), List.of(new EdgeGradient("n2", "n1", slope))),
            new BackwardStep("n2", "AddmmBackward0", List.of(slope),
                List.of(new EdgeGradient("n3", "n2", bias), new EdgeGradient("n5", "n2", weightT))),
            new BackwardStep("n3", "AccumulateGrad", List.of(bias), List.of(new EdgeGradient("n4", "n3", bias))),
            new BackwardStep("n5", "TBackward0", List.of(weightT), List.of(new EdgeGradient("n6", "n5", weight))),
            new BackwardStep("n6", "AccumulateGrad", List.of(weight), List.of(new EdgeGradient("n7", "n6", weight)))),
        "");
    return TestGraphs.neuron().withBackward(pass);
  }

  /**
   * A gradient with its values recorded.
   *
   * @param shape its shape
   * @param values its elements
   * @return the gradient, float32, with its L2 norm
   */
  public static Gradient gradient(List<Long> shape, double... values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return new Gradient(true, shape, "float32", Math.sqrt(sum), java.util.Arrays.stream(values).boxed().toList());
  }
}
