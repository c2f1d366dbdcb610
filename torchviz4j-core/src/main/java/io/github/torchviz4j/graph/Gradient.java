package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * One gradient tensor as plain numbers: what flowed along one edge of a replayed backward pass.
 * Immutable.
 *
 * @param defined false when the function produced no gradient there (an undefined tensor, which
 *     the engine skips); the other fields are then empty or NaN
 * @param shape the gradient's dimensions
 * @param dtype PyTorch's name of its element type ({@code float32}, {@code float64}, ...)
 * @param norm its L2 norm
 * @param values its elements in row-major order, for small tensors when values were recorded;
 *     empty otherwise
 */
public record Gradient(boolean defined, List<Long> shape, String dtype, double norm, List<Double> values) {

  /** No gradient: the function returned an undefined tensor for this edge. */
  public static final Gradient UNDEFINED = new Gradient(false, List.of(), "", Double.NaN, List.of());

  /**
   * Validates and copies.
   *
   * @param defined false when there is no gradient
   * @param shape the gradient's dimensions
   * @param dtype its element type's name
   * @param norm its L2 norm
   * @param values its elements, or empty
   */
  public Gradient {
    shape = List.copyOf(Checks.notNull(shape, "gradient shape"));
    Checks.notNull(dtype, "gradient dtype");
    values = List.copyOf(Checks.notNull(values, "gradient values"));
  }
}
