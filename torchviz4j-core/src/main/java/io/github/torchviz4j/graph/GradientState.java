package io.github.torchviz4j.graph;

/** What a tensor's gradient looked like when the graph was captured. */
public enum GradientState {
  /** Gradients were not asked for. */
  NOT_CAPTURED,
  /** The tensor has no gradient ({@code .grad} is None): no gradient flowed to it. */
  MISSING,
  /** The gradient is all zeros. */
  ZERO,
  /** The gradient holds NaN. */
  NAN,
  /** The gradient holds an infinity (and no NaN). */
  INF,
  /** A finite, non-zero gradient. */
  PRESENT;

  /** @return whether this state is one a user should look at (missing, zero, NaN or Inf) */
  public boolean isProblem() {
    return this == MISSING || this == ZERO || this == NAN || this == INF;
  }
}
