package io.github.torchviz4j.graph;

/** Why two nodes are connected; each kind is drawn as torchviz draws it. */
public enum EdgeKind {
  /** From a backward function to the function that consumes its result ({@code next_functions}). */
  INPUT,
  /** From a leaf tensor to its {@code AccumulateGrad}. */
  LEAF,
  /** From an output's {@code grad_fn} to the output tensor. */
  OUTPUT,
  /** From the base of a view to the view (dotted). */
  VIEW,
  /** From a backward function to a tensor it saved for the backward pass (no arrowhead). */
  SAVED
}
