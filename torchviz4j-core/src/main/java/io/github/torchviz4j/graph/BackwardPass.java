package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A replayed backward pass as data a {@link Graph} carries ({@link Graph#withBackward}): the
 * gradients it started from and each backward function in the order the engine runs it, naming
 * nodes of that graph by id. What {@link BackwardTrace} holds besides its graph. Immutable.
 *
 * <pre>{@code
 * BackwardTrace trace = TorchViz.traceBackward(List.of(yPred), model.named_parameters());
 * Graph withPass = trace.graph().withBackward(trace.pass());   // drawn with RenderOptions.withShowBackward(true)
 * }</pre>
 *
 * @param seeds the gradients the pass starts from, one per output ({@link EdgeKind#OUTPUT} edges)
 * @param steps the functions in execution order
 * @param note empty, or why the pass holds less than was asked for (e.g. norms only on a big graph)
 */
public record BackwardPass(List<EdgeGradient> seeds, List<BackwardStep> steps, String note) {

  /**
   * Validates and copies.
   *
   * @param seeds the starting gradients
   * @param steps the functions in execution order
   * @param note empty, or what the pass left out and why
   */
  public BackwardPass {
    seeds = List.copyOf(Checks.notNull(seeds, "seeds"));
    steps = List.copyOf(Checks.notNull(steps, "steps"));
    Checks.notNull(note, "note");
  }

  /**
   * Every gradient recorded on an edge, in the order the pass produced them: the seeds first.
   *
   * @return the edges' gradients
   */
  public List<EdgeGradient> edgeGradients() {
    return Stream.concat(seeds.stream(), steps.stream().flatMap(step -> step.sent().stream())).toList();
  }

  /**
   * What the pass would add to a leaf's {@code .grad}: the gradient on its {@link EdgeKind#LEAF}
   * edge.
   *
   * @param leafId the id of a tensor node
   * @return the gradient, or empty when the leaf gets none
   */
  public Optional<Gradient> leafGradient(String leafId) {
    for (BackwardStep step : steps) {
      for (EdgeGradient sent : step.sent()) {
        if (sent.tail().equals(leafId) && sent.gradient().defined()) {
          return Optional.of(sent.gradient());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The part of this pass between nodes a predicate keeps: steps of kept functions, and of what
   * they sent only the edges whose ends are both kept. How a drawing that collapses modules keeps
   * the gradients of the edges it still draws.
   *
   * @param kept whether a node id is kept
   * @return the restricted pass, or this pass when every node is kept
   */
  public BackwardPass restrictedTo(java.util.function.Predicate<String> kept) {
    List<EdgeGradient> keptSeeds = seeds.stream().filter(g -> kept.test(g.tail()) && kept.test(g.head())).toList();
    List<BackwardStep> keptSteps = new ArrayList<>();
    for (BackwardStep step : steps) {
      if (kept.test(step.function())) {
        keptSteps.add(new BackwardStep(step.function(), step.name(), step.received(),
            step.sent().stream().filter(g -> kept.test(g.tail()) && kept.test(g.head())).toList()));
      }
    }
    return new BackwardPass(keptSeeds, keptSteps, note);
  }
}
