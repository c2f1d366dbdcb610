package io.github.torchviz4j.diff;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.internal.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What changed between two autograd graphs, matched by module: every node and edge of their union
 * is {@link DiffKind#SAME same}, {@link DiffKind#CHANGED changed} (same place, another op, shape or
 * attribute), {@link DiffKind#ADDED added} or {@link DiffKind#REMOVED removed}. Immutable.
 *
 * <p>Parameters match by name and outputs by position; backward functions match within their
 * module by the order and kind of the ops (a longest common subsequence of op names, in forward
 * order), never by node ids; what hangs off a matched node (AccumulateGrad, leaves, saved tensors)
 * follows it. Near-linear in the graphs' size for graphs that mostly agree.
 *
 * <pre>{@code
 * Graph before = TorchViz.capture(List.of(oldModel.forward(x)), oldModel.named_parameters());
 * Graph after = TorchViz.capture(List.of(newModel.forward(x)), newModel.named_parameters());
 * GraphDiff diff = GraphDiff.of(before, after);
 * System.out.println(diff.summary());   // added 38, removed 0, changed 2 nodes; modules added: layers.2
 * }</pre>
 *
 * @param before the graph before
 * @param after the graph after
 * @param nodes the union's nodes: those of {@code before} in its order, then the added ones
 * @param edges the union's edges, in the same way
 */
public record GraphDiff(Graph before, Graph after, List<NodeDiff> nodes, List<EdgeDiff> edges) {

  /**
   * Validates and copies.
   *
   * @param before the graph before
   * @param after the graph after
   * @param nodes the union's nodes
   * @param edges the union's edges
   */
  public GraphDiff {
    Checks.notNull(before, "graph before");
    Checks.notNull(after, "graph after");
    nodes = List.copyOf(Checks.notNull(nodes, "node diffs"));
    edges = List.copyOf(Checks.notNull(edges, "edge diffs"));
  }

  /**
   * Diffs two graphs.
   *
   * @param before the graph before
   * @param after the graph after
   * @return their difference
   */
  public static GraphDiff of(Graph before, Graph after) {
    return new NodeMatcher(Checks.notNull(before, "graph before"), Checks.notNull(after, "graph after")).diff();
  }

  /**
   * How many nodes are of a kind.
   *
   * @param kind same, changed, added or removed
   * @return the count
   */
  public long count(DiffKind kind) {
    return nodes.stream().filter(node -> node.kind() == kind).count();
  }

  /** @return whether the graphs are alike: every node and edge the same */
  public boolean isSame() {
    return nodes.stream().allMatch(n -> n.kind() == DiffKind.SAME) && edges.stream().allMatch(e -> e.kind() == DiffKind.SAME);
  }

  /**
   * The union node for a node of the graph before.
   *
   * @param id a node id of {@link #before}
   * @return its diff, or empty when there is no such node
   */
  public Optional<NodeDiff> ofBefore(String id) {
    return nodes.stream().filter(n -> n.before().equals(id)).findFirst();
  }

  /**
   * The union node for a node of the graph after.
   *
   * @param id a node id of {@link #after}
   * @return its diff, or empty when there is no such node
   */
  public Optional<NodeDiff> ofAfter(String id) {
    return nodes.stream().filter(n -> n.after().equals(id)).findFirst();
  }

  /** @return the outermost modules that only the graph after has, e.g. {@code layers.2} */
  public List<String> addedModules() {
    return newModules(after, before);
  }

  /** @return the outermost modules that only the graph before has */
  public List<String> removedModules() {
    return newModules(before, after);
  }

  /** @return one line: {@code added 38, removed 0, changed 2 nodes; modules added: layers.2} */
  public String summary() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "added %d, removed %d, changed %d nodes",
        count(DiffKind.ADDED), count(DiffKind.REMOVED), count(DiffKind.CHANGED)));
    if (!addedModules().isEmpty()) {
      text.append("; modules added: ").append(String.join(", ", addedModules()));
    }
    if (!removedModules().isEmpty()) {
      text.append("; modules removed: ").append(String.join(", ", removedModules()));
    }
    return text.toString();
  }

  private static List<String> newModules(Graph graph, Graph other) {
    Set<String> known = modulePaths(other);
    Set<String> fresh = modulePaths(graph).stream().filter(path -> !known.contains(path))
        .collect(Collectors.toCollection(TreeSet::new));
    return fresh.stream()
        .filter(path -> fresh.stream().noneMatch(outer -> !outer.equals(path) && ModuleInfo.isWithin(path, outer)))
        .toList();
  }

  /** Every module that made a node, with its ancestors (a layer whose ops all sit in its children). */
  private static Set<String> modulePaths(Graph graph) {
    Set<String> paths = new TreeSet<>();
    for (Node node : graph.nodes()) {
      for (String path = node.modulePath(); !path.isEmpty(); path = ModuleInfo.parentOf(path)) {
        paths.add(path);
      }
    }
    return paths;
  }
}
