package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * One backward function as the engine runs it: the gradients it received (summed per input, as
 * the engine's input buffer sums them) and the gradients it sent along its edges. Immutable.
 *
 * @param function the id of the function's node in the trace's graph
 * @param name the function's class, e.g. {@code TanhBackward0}
 * @param received the gradient of each of its inputs, in input order (a function with several
 *     forward outputs has several); {@link Gradient#UNDEFINED} where none arrived
 * @param sent what it passed on, one entry per edge in the order of its {@code next_edges}; for an
 *     {@code AccumulateGrad} the one {@link EdgeKind#LEAF} edge with what it would add to the
 *     parameter's {@code .grad}
 */
public record BackwardStep(String function, String name, List<Gradient> received, List<EdgeGradient> sent) {

  /**
   * Validates and copies.
   *
   * @param function the function's node id
   * @param name the function's class
   * @param received the gradient of each input
   * @param sent the gradients passed on
   */
  public BackwardStep {
    Checks.notNull(function, "function id");
    Checks.notNull(name, "function name");
    received = List.copyOf(Checks.notNull(received, "received gradients"));
    sent = List.copyOf(Checks.notNull(sent, "sent gradients"));
  }
}
