package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.internal.Checks;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;

/**
 * Reduces a non-scalar output to a scalar before drawing, as in {@code make_dot(model(x).sum())}:
 * the graph gains one {@code SumBackward0} or {@code MeanBackward0} node above the output.
 */
public enum Reduction {
  /** {@code output.sum()}. */
  SUM,
  /** {@code output.mean()}. */
  MEAN;

  /**
   * Reduces a tensor; a scalar (0-D) tensor is returned unchanged.
   *
   * @param output a defined tensor
   * @return a 0-D tensor
   * @throws io.github.torchviz4j.Torchviz4jException if libtorch refuses (e.g. mean of integers)
   */
  public Tensor apply(Tensor output) {
    Checks.notNull(output, "output tensor");
    Natives.load();
    if (output.dim() == 0) {
      return output;
    }
    try {
      return this == SUM ? output.sum() : output.mean();
    } catch (RuntimeException e) {
      throw Natives.failure("cannot reduce the output with " + name().toLowerCase(Locale.ROOT) + "()", e,
          "choose the other reduction or none");
    }
  }
}
