package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;

/**
 * The gradient that flowed backwards along one edge of a {@link Graph}: from {@code head} (the
 * consumer in the forward pass) to {@code tail}. Immutable.
 *
 * <p>The ends name the graph's edge as it is drawn: for an {@link EdgeKind#INPUT} edge the
 * function that receives the gradient is {@code tail}; for a {@link EdgeKind#LEAF} edge {@code
 * tail} is the parameter and the gradient is what its AccumulateGrad would add to {@code .grad};
 * for an {@link EdgeKind#OUTPUT} edge it is the gradient the pass starts from.
 *
 * @param tail the id of the edge's tail node
 * @param head the id of the edge's head node
 * @param gradient what flowed
 */
public record EdgeGradient(String tail, String head, Gradient gradient) {

  /**
   * Validates the fields.
   *
   * @param tail the id of the edge's tail node
   * @param head the id of the edge's head node
   * @param gradient what flowed
   */
  public EdgeGradient {
    Checks.notNull(tail, "edge tail");
    Checks.notNull(head, "edge head");
    Checks.notNull(gradient, "gradient");
  }
}
