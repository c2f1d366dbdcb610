package io.github.torchviz4j.graph;

/** What a graph node stands for. */
public enum NodeKind {
  /** A backward function found through {@code grad_fn} ({@code AddmmBackward0}, {@code AccumulateGrad}, ...). */
  FUNCTION,
  /** A tensor: an output, a leaf behind an {@code AccumulateGrad}, the base of a view, or a saved tensor. */
  TENSOR,
  /** A tensor a backward function saved and {@code backward()} has since freed: its shape is gone. */
  FREED_TENSOR,
  /** A module drawn as one box in place of everything inside it ({@code depth(n)}). */
  MODULE,
  /** A legend or note drawn beside the graph (gradient colours, parameters not in the graph). */
  NOTE
}
