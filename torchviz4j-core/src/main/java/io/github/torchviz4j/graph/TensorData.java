package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * Numbers captured for a tensor node when asked for: its values (small tensors only) and its
 * gradient. Immutable.
 *
 * @param values the tensor's elements in row-major order; empty when not captured
 * @param gradientState what the gradient looked like
 * @param gradientNorm the gradient's L2 norm (NaN when not present)
 * @param gradientMaxAbs the largest absolute gradient element (NaN when not present)
 * @param gradientValues the gradient's elements (small tensors only); empty otherwise
 */
public record TensorData(List<Double> values, GradientState gradientState, double gradientNorm,
    double gradientMaxAbs, List<Double> gradientValues) {

  /** Nothing captured. */
  public static final TensorData NONE =
      new TensorData(List.of(), GradientState.NOT_CAPTURED, Double.NaN, Double.NaN, List.of());

  /**
   * Validates and copies.
   *
   * @param values the tensor's elements in row-major order; empty when not captured
   * @param gradientState what the gradient looked like
   * @param gradientNorm the gradient's L2 norm (NaN when not present)
   * @param gradientMaxAbs the largest absolute gradient element (NaN when not present)
   * @param gradientValues the gradient's elements (small tensors only); empty otherwise
   */
  public TensorData {
    values = List.copyOf(Checks.notNull(values, "values"));
    Checks.notNull(gradientState, "gradient state");
    gradientValues = List.copyOf(Checks.notNull(gradientValues, "gradient values"));
  }

  /** @return whether anything was captured */
  public boolean isEmpty() {
    return values.isEmpty() && gradientState == GradientState.NOT_CAPTURED;
  }
}
