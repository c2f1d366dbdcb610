package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places every node of a graph in the module that made it.
 *
 * <p>The rule, in order of precedence:
 * <ol>
 *   <li>a backward function whose sequence number falls in a recorded {@link ModuleSpan} belongs to
 *       the innermost such module (exact: the module's forward created it);
 *   <li>a named leaf belongs to the module owning the parameter ({@code layers.0.linear1.weight}
 *       → {@code layers.0.linear1}), and so do its AccumulateGrad and every function fed by
 *       parameters directly or through view-like functions ({@code TBackward0},
 *       {@code ViewBackward0}, ...): the common ancestor when parameters of several modules meet;
 *   <li>any other function takes, from the nearest placed functions below it (towards the output,
 *       {@code D}) and above it (towards the inputs, each {@code u}), the deepest of the common
 *       ancestors of {@code D} and {@code u}; with nothing placed above, {@code D} itself; with
 *       nothing placed below (after the model's last parameter), the root. A container such as
 *       {@code layers} runs no ops itself, so an op placed there moves to the entry on its
 *       consumer's side ({@code layers.1});
 *   <li>saved tensors follow their function; outputs, view bases and unnamed leaves are in the root.
 * </ol>
 * Rules 2 and 3 are heuristics: functions of parameter-free modules (activations, dropout, a final
 * {@code LogSoftmax}) land in a neighbouring module or the root. Stateless.
 */
public final class ModulePlacement {
  private static final int MAX_UPSTREAM_MODULES = 8;
  private static final Set<String> VIEW_LIKE = Set.of(
      "TBackward0", "ViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0",
      "TransposeBackward0", "TransposeBackward1", "PermuteBackward0", "ExpandBackward0",
      "UnsqueezeBackward0", "SqueezeBackward0", "SqueezeBackward1", "SqueezeBackward2",
      "SelectBackward0", "SliceBackward0", "SplitBackward0", "SplitWithSizesBackward0",
      "UnbindBackward0", "AliasBackward0", "CloneBackward0", "ToCopyBackward0");

  private ModulePlacement() {}

  /**
   * Places the nodes of a graph in modules.
   *
   * @param graph a captured graph
   * @param spans sequence spans recorded by explicit scopes, possibly none
   * @return the same graph with module paths on its nodes and its modules listed
   */
  public static Graph place(Graph graph, List<ModuleSpan> spans) {
    Placement placement = new Placement(graph);
    placement.bySpans(spans);
    placement.byParameters();
    if (placement.namesNoModule() && hasNoModules(graph)) {
      // Without a scope or a dotted parameter name there is nothing to place; on a long chain the
      // neighbour sweep and the copy would cost as much as the capture itself.
      return graph;
    }
    placement.byNeighbours();
    List<Node> nodes = new ArrayList<>(graph.nodes().size());
    for (Node node : graph.nodes()) {
      nodes.add(node.withModulePath(placement.pathOf(node)));
    }
    return graph.withNodes(nodes, modules(nodes, spans));
  }

  private static boolean hasNoModules(Graph graph) {
    return graph.modules().isEmpty() && graph.nodes().stream().allMatch(node -> node.modulePath().isEmpty());
  }

  private static List<ModuleInfo> modules(List<Node> nodes, List<ModuleSpan> spans) {
    Map<String, String> classes = new HashMap<>();
    for (ModuleSpan span : spans) {
      if (!span.className().isEmpty()) {
        classes.put(span.path(), span.className());
      }
    }
    Set<String> paths = new java.util.TreeSet<>();
    for (Node node : nodes) {
      for (String path = node.modulePath(); !path.isEmpty(); path = ModuleInfo.parentOf(path)) {
        paths.add(path);
      }
    }
    return paths.stream().map(p -> new ModuleInfo(p, classes.getOrDefault(p, ""))).toList();
  }

  /** The placement of one graph; single use. */
  private static final class Placement {
    private final Graph graph;
    private final Map<String, String> placed = new HashMap<>();
    private List<Node> functionsInOrder;

    Placement(Graph graph) {
      this.graph = graph;
    }

    /** @return whether every node placed so far is placed at the top level, outside any module */
    boolean namesNoModule() {
      return placed.values().stream().allMatch(String::isEmpty);
    }

    private List<Node> functionsInOrder() {
      if (functionsInOrder == null) {
        functionsInOrder = inputsFirst(graph);
      }
      return functionsInOrder;
    }

    String pathOf(Node node) {
      String path = placed.get(node.id());
      if (path != null) {
        return path;
      }
      for (Edge edge : graph.incoming(node.id())) {
        if (edge.kind() == EdgeKind.SAVED) {
          return placed.getOrDefault(edge.tail(), "");
        }
      }
      return "";
    }

    /** Rule 1: a sweep over functions and spans, both sorted by sequence number. */
    void bySpans(List<ModuleSpan> spans) {
      if (spans.isEmpty()) {
        return;
      }
      List<ModuleSpan> sorted = new ArrayList<>(spans);
      sorted.sort(Comparator.comparingLong(ModuleSpan::first)
          .thenComparing(Comparator.comparingLong(ModuleSpan::end).reversed()));
      List<Node> functions = graph.nodes().stream()
          .filter(n -> n.kind() == NodeKind.FUNCTION && n.sequenceNr() >= 0)
          .sorted(Comparator.comparingLong(Node::sequenceNr))
          .toList();
      Deque<ModuleSpan> open = new ArrayDeque<>();
      int next = 0;
      for (Node function : functions) {
        long sequenceNr = function.sequenceNr();
        while (next < sorted.size() && sorted.get(next).first() <= sequenceNr) {
          ModuleSpan span = sorted.get(next++);
          dropEnded(open, span.first() + 1);
          open.push(span);
        }
        dropEnded(open, sequenceNr + 1);
        if (!open.isEmpty() && sequenceNr < open.peek().end()) {
          placed.put(function.id(), open.peek().path());
        }
      }
    }

    /** Spans nest like the scopes that recorded them, so ended ones are always on top. */
    private static void dropEnded(Deque<ModuleSpan> open, long before) {
      while (!open.isEmpty() && open.peek().end() < before) {
        open.pop();
      }
    }

    /** Rule 2: parameters, their AccumulateGrads, and functions they feed through views. */
    void byParameters() {
      Map<String, String> parameterModule = new HashMap<>();
      for (Edge edge : graph.edges()) {
        Node leaf = graph.node(edge.tail());
        if (edge.kind() == EdgeKind.LEAF && !leaf.name().isEmpty()) {
          String module = ModuleInfo.parentOf(leaf.name());
          placed.putIfAbsent(leaf.id(), module);
          placed.putIfAbsent(edge.head(), module);
          parameterModule.put(edge.head(), module);
        }
      }
      if (parameterModule.isEmpty()) {
        return;
      }
      for (Node function : functionsInOrder()) {
        if (parameterModule.containsKey(function.id())) {
          continue;
        }
        String module = null;
        for (Edge input : graph.incoming(function.id())) {
          String fed = input.kind() == EdgeKind.INPUT ? parameterModule.get(input.tail()) : null;
          if (fed != null) {
            module = module == null ? fed : ModuleInfo.commonAncestor(module, fed);
          }
        }
        if (module != null) {
          placed.putIfAbsent(function.id(), module);
          if (VIEW_LIKE.contains(function.name())) {
            parameterModule.put(function.id(), module);
          }
        }
      }
    }

    /** Rule 3: the nearest placed functions below and above. */
    void byNeighbours() {
      Map<String, Set<String>> above = new HashMap<>();
      for (Node function : functionsInOrder()) {
        Set<String> modules = new LinkedHashSet<>();
        for (Edge input : graph.incoming(function.id())) {
          if (input.kind() == EdgeKind.INPUT) {
            String module = placed.get(input.tail());
            if (module != null) {
              modules.add(module);
            } else {
              modules.addAll(above.getOrDefault(input.tail(), Set.of()));
            }
          }
        }
        above.put(function.id(), capped(modules));
      }
      Map<String, String> below = new HashMap<>();
      for (int i = functionsInOrder().size() - 1; i >= 0; i--) {
        Node function = functionsInOrder().get(i);
        String module = null;
        for (Edge output : graph.outgoing(function.id())) {
          if (output.kind() != EdgeKind.INPUT) {
            continue;
          }
          String consumer = placed.containsKey(output.head()) ? placed.get(output.head()) : below.get(output.head());
          if (consumer != null) {
            module = module == null ? consumer : ModuleInfo.commonAncestor(module, consumer);
          }
        }
        if (module != null) {
          below.put(function.id(), module);
        }
      }
      for (Node function : functionsInOrder()) {
        if (!placed.containsKey(function.id())) {
          placed.put(function.id(), between(below.get(function.id()), above.get(function.id())));
        }
      }
    }

    private static String between(String below, Set<String> above) {
      if (below == null) {
        return "";
      }
      String deepest = above.isEmpty() ? below : "";
      for (String module : above) {
        String shared = ModuleInfo.commonAncestor(below, module);
        if (ModuleLevels.of(shared).size() > ModuleLevels.of(deepest).size() || deepest.isEmpty()) {
          deepest = shared;
        }
      }
      return outOfContainer(deepest, below);
    }

    /**
     * A container ({@code layers} of {@code layers.0}, {@code layers.1}) runs no ops of its own:
     * an op that lands there belongs to the entry on its consumer's side.
     */
    private static String outOfContainer(String module, String below) {
      if (module.isEmpty()) {
        return module;
      }
      for (String level : ModuleLevels.of(below)) {
        if (level.equals(module)) {
          return module;
        }
        if (ModuleInfo.isWithin(level, module)) {
          return level;
        }
      }
      return module;
    }

    private static Set<String> capped(Set<String> modules) {
      if (modules.size() <= MAX_UPSTREAM_MODULES) {
        return modules;
      }
      String shared = modules.iterator().next();
      for (String module : modules) {
        shared = ModuleInfo.commonAncestor(shared, module);
      }
      return Set.of(shared);
    }

    /** Functions ordered so that each comes after every function feeding it (Kahn's algorithm). */
    private static List<Node> inputsFirst(Graph graph) {
      Map<String, Integer> pending = new LinkedHashMap<>();
      for (Node node : graph.nodes()) {
        if (node.kind() != NodeKind.TENSOR && node.kind() != NodeKind.FREED_TENSOR) {
          pending.put(node.id(), 0);
        }
      }
      for (Edge edge : graph.edges()) {
        if (edge.kind() == EdgeKind.INPUT && pending.containsKey(edge.head()) && pending.containsKey(edge.tail())) {
          pending.merge(edge.head(), 1, Integer::sum);
        }
      }
      Deque<String> ready = new ArrayDeque<>();
      pending.forEach((id, count) -> {
        if (count == 0) {
          ready.add(id);
        }
      });
      List<Node> ordered = new ArrayList<>(pending.size());
      Set<String> done = new HashSet<>();
      while (!ready.isEmpty()) {
        String id = ready.poll();
        if (!done.add(id)) {
          continue;
        }
        ordered.add(graph.node(id));
        for (Edge edge : graph.outgoing(id)) {
          if (edge.kind() == EdgeKind.INPUT && pending.containsKey(edge.head())
              && pending.merge(edge.head(), -1, Integer::sum) == 0) {
            ready.add(edge.head());
          }
        }
      }
      return ordered;
    }
  }
}
