package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A replayed backward pass: each backward function of a graph, in the order the autograd engine
 * runs them, with the gradients it received and sent. Immutable; holds no native memory.
 *
 * <pre>{@code
 * BackwardTrace trace = TorchViz.traceBackward(List.of(yPred), model.named_parameters());
 * trace.steps().get(0).name();                         // TanhBackward0
 * trace.parameterGradient("layer1.weight").orElseThrow().values();   // [0.42, 0.8399]
 * }</pre>
 *
 * @param graph the graph the steps refer to, by node id
 * @param seeds the gradients the pass starts from, one per output ({@link EdgeKind#OUTPUT} edges)
 * @param steps the functions in execution order
 * @param note empty, or why the trace holds less than was asked for (e.g. norms only on a big
 *     graph)
 */
public record BackwardTrace(Graph graph, List<EdgeGradient> seeds, List<BackwardStep> steps, String note) {

  /**
   * Validates and copies.
   *
   * @param graph the graph the steps refer to
   * @param seeds the starting gradients
   * @param steps the functions in execution order
   * @param note empty, or what the trace left out and why
   */
  public BackwardTrace {
    Checks.notNull(graph, "graph");
    seeds = List.copyOf(Checks.notNull(seeds, "seeds"));
    steps = List.copyOf(Checks.notNull(steps, "steps"));
    Checks.notNull(note, "note");
  }

  /**
   * What the pass would add to a named parameter's {@code .grad}.
   *
   * @param name a parameter name as drawn, e.g. {@code layer1.weight}
   * @return the gradient its AccumulateGrad received, or empty when the parameter is not in the
   *     graph or gets no gradient
   */
  public Optional<Gradient> parameterGradient(String name) {
    return graph.nodes().stream()
        .filter(node -> node.kind() == NodeKind.TENSOR && node.name().equals(name))
        .flatMap(leaf -> steps.stream().flatMap(step -> step.sent().stream())
            .filter(sent -> sent.tail().equals(leaf.id())))
        .map(EdgeGradient::gradient)
        .filter(Gradient::defined)
        .findFirst();
  }

  /** @return the pass without its graph, as a {@link Graph} carries it ({@link Graph#withBackward}) */
  public BackwardPass pass() {
    return new BackwardPass(seeds, steps, note);
  }

  /** @return the trace's graph carrying the pass: what {@code RenderOptions.withShowBackward(true)} draws */
  public Graph graphWithPass() {
    return graph.withBackward(pass());
  }

  /**
   * Every gradient recorded on an edge, in the order the pass produced them: the seeds first.
   *
   * @return the edges' gradients
   */
  public List<EdgeGradient> edgeGradients() {
    return Stream.concat(seeds.stream(), steps.stream().flatMap(step -> step.sent().stream()))
        .toList();
  }
}
