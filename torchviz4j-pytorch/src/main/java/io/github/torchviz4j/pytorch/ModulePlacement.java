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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places every node of a graph in the module that made it.
 *
 * <p>A module's forward runs as one contiguous interval of autograd sequence numbers, and every
 * function's inputs were made before it. The rule, in order of precedence:
 * <ol>
 *   <li>a backward function whose sequence number falls in a recorded {@link ModuleSpan} belongs to
 *       the innermost such module (exact: the module's forward created it);
 *   <li>a named leaf belongs to the module owning the parameter ({@code layers.0.linear1.weight}
 *       → {@code layers.0.linear1}), and so do its AccumulateGrad and every function fed by
 *       parameters directly or through view-like functions ({@code TBackward0},
 *       {@code ViewBackward0}, ...): the common ancestor when parameters of several modules meet;
 *   <li>the functions placed so far span each module's known interval (with its children's); any
 *       other function goes to the innermost module {@code M} whose interval holds its sequence
 *       number. There it lies between two children, {@code C} before and {@code N} after:
 *       <ul>
 *         <li>it goes to the parameter-free children the model defines between {@code C} and
 *             {@code N} ({@code relu}, {@code dropout}), one op per child along the chain, when it
 *             consumes only {@code C}'s outputs and theirs;
 *         <li>in a container ({@code Sequential}, {@code ModuleList}, numbered children), which runs
 *             no ops itself, to {@code C} when it consumes {@code C}'s output (a residual add and
 *             the activation after it belong to the block), else to {@code N};
 *         <li>in any other module, a view-like op that consumes only {@code C}'s outputs to
 *             {@code C} (a {@code Linear}'s view back to 3-D), anything else to {@code M} itself (a
 *             transformer layer's residual add and the activations between its children);
 *       </ul>
 *   <li>saved tensors follow their function; outputs, view bases and unnamed leaves are in the root.
 * </ol>
 * Last, module boxes never form cycles ({@link ModuleCycles}): a box on a cycle with its siblings
 * is opened into its parent, so no edge has to be drawn upwards. Rule 3 is a heuristic: a
 * parameter-free module's ops land in a neighbour unless the model lists it (TorchScript) or a scope
 * recorded it. Stateless.
 */
final class ModulePlacement {
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
  static Graph place(Graph graph, List<ModuleSpan> spans) {
    return place(graph, spans, List.of());
  }

  /**
   * Places the nodes of a graph in modules, knowing the model's modules.
   *
   * @param graph a captured graph
   * @param spans sequence spans recorded by explicit scopes, possibly none
   * @param known the model's modules in definition order with their classes (as a TorchScript
   *     file lists them), possibly none
   * @return the same graph with module paths on its nodes and its modules listed in execution
   *     order
   */
  static Graph place(Graph graph, List<ModuleSpan> spans, List<ModuleInfo> known) {
    Placement placement = new Placement(graph);
    placement.bySpans(spans);
    placement.byParameters();
    if (placement.namesNoModule() && hasNoModules(graph) && spans.isEmpty()) {
      // Without a scope or a dotted parameter name there is nothing to place; on a long chain the
      // sweep and the copy would cost as much as the capture itself.
      return graph;
    }
    ModuleTree tree = placement.bySequence(spans, known);
    Map<String, String> paths = new HashMap<>();
    for (Node node : graph.nodes()) {
      paths.put(node.id(), placement.pathOf(node));
    }
    ModuleCycles.open(graph, paths);
    List<Node> nodes = new ArrayList<>(graph.nodes().size());
    for (Node node : graph.nodes()) {
      nodes.add(node.withModulePath(paths.get(node.id())));
    }
    return graph.withNodes(nodes, modules(nodes, tree));
  }

  private static boolean hasNoModules(Graph graph) {
    return graph.modules().isEmpty() && graph.nodes().stream().allMatch(node -> node.modulePath().isEmpty());
  }

  /** The modules holding nodes and their ancestors, in the order their forwards began. */
  private static List<ModuleInfo> modules(List<Node> nodes, ModuleTree tree) {
    Map<String, Long> firstRun = new HashMap<>();
    Map<String, Integer> firstSeen = new HashMap<>();
    for (Node node : nodes) {
      for (String path = node.modulePath(); !path.isEmpty(); path = ModuleInfo.parentOf(path)) {
        firstSeen.putIfAbsent(path, firstSeen.size());
        if (node.sequenceNr() >= 0) {
          firstRun.merge(path, node.sequenceNr(), Math::min);
        }
      }
    }
    List<String> paths = new ArrayList<>(firstSeen.keySet());
    paths.sort(Comparator.comparingLong((String p) -> firstRun.getOrDefault(p, Long.MAX_VALUE))
        .thenComparingInt(p -> p.split("\\.").length)
        .thenComparingInt(firstSeen::get));
    return paths.stream().map(p -> new ModuleInfo(p, tree.classes().getOrDefault(p, ""))).toList();
  }

  /** The placement of one graph; single use. */
  private static final class Placement {
    private final Graph graph;
    private final Map<String, String> placed = new HashMap<>();
    private final Set<String> guessed = new HashSet<>();
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

    /**
     * Rule 3: every other function with a sequence number, in the order the forward made them.
     *
     * @return the module tree the placement used
     */
    ModuleTree bySequence(List<ModuleSpan> spans, List<ModuleInfo> known) {
      Map<String, Long> sequenceNrs = new HashMap<>();
      List<Node> unplaced = new ArrayList<>();
      for (Node node : graph.nodes()) {
        if (node.kind() == NodeKind.FUNCTION && node.sequenceNr() >= 0) {
          sequenceNrs.put(node.id(), node.sequenceNr());
          if (!placed.containsKey(node.id())) {
            unplaced.add(node);
          }
        }
      }
      ModuleTree tree = ModuleTree.of(known, spans, placed, sequenceNrs);
      unplaced.sort(Comparator.comparingLong(Node::sequenceNr));
      Map<String, int[]> chains = new HashMap<>();
      for (Node function : unplaced) {
        placed.put(function.id(), choose(tree, function, chains));
        guessed.add(function.id());
      }
      List<Node> order = functionsInOrder();
      for (int i = order.size() - 1; i >= 0; i--) {
        Node function = order.get(i);
        if (!placed.containsKey(function.id())) {
          String consumer = "";
          for (Edge output : graph.outgoing(function.id())) {
            if (output.kind() == EdgeKind.INPUT && placed.containsKey(output.head())) {
              consumer = placed.get(output.head());
              break;
            }
          }
          placed.put(function.id(), consumer);
        }
      }
      return tree;
    }

    /** Where one function goes: see the class comment, rule 3. */
    private String choose(ModuleTree tree, Node function, Map<String, int[]> chains) {
      long sequenceNr = function.sequenceNr();
      String module = tree.innermost(sequenceNr);
      String before = tree.before(module, sequenceNr);
      String after = tree.after(module, sequenceNr);
      List<String> inputs = new ArrayList<>();
      for (Edge input : graph.incoming(function.id())) {
        String path = input.kind() == EdgeKind.INPUT ? placed.get(input.tail()) : null;
        if (path != null) {
          inputs.add(path);
        }
      }
      List<String> free = tree.parameterFreeBetween(module, before, after);
      boolean view = VIEW_LIKE.contains(function.name());
      if (!free.isEmpty()) {
        List<String> allowed = new ArrayList<>(free);
        if (before != null) {
          allowed.add(before);
        }
        int[] chain = chains.computeIfAbsent(module + "|" + before, k -> new int[] {-1});
        if (chain[0] < 0 && view && before != null && !tree.isContainer(before) && !inputs.isEmpty()
            && allWithin(inputs, List.of(before))) {
          // A view right after a module reshapes its output: Linear's view back to 3-D.
          return trailingOwner(tree, before, sequenceNr, inputs, view);
        }
        if (allWithin(inputs, allowed) && (before == null || !inputs.isEmpty())) {
          if (chain[0] < 0) {
            chain[0] = 0;
          } else if (!view && chain[0] + 1 < free.size() && allWithin(inputs, List.of(free.get(chain[0])))) {
            chain[0]++;
          }
          return free.get(chain[0]);
        }
      }
      if (tree.isContainer(module)) {
        if (before != null && anyWithin(inputs, before)) {
          return trailingOwner(tree, before, sequenceNr, inputs, view);
        }
        if (after != null) {
          return tree.owner(after, false);
        }
        return before != null ? trailingOwner(tree, before, sequenceNr, inputs, view) : module;
      }
      if (before != null && tree.isContainer(before) && !inputs.isEmpty() && allWithin(inputs, List.of(before))
          && (new HashSet<>(inputs).size() >= 2 || followsGuessed(function, tree.owner(before, true)))) {
        // After a container's last entry, an op joining two values made inside it is the last
        // entry's own (the residual add of a ResNet stage's last block), and so is an op on such an
        // op's result (the relu after that add).
        return trailingOwner(tree, before, sequenceNr, inputs, view);
      }
      if (view && before != null && !inputs.isEmpty() && allWithin(inputs, List.of(before))) {
        return trailingOwner(tree, before, sequenceNr, inputs, view);
      }
      return module;
    }

    /**
     * The owner of an op that runs after {@code module}'s known interval and consumes its output:
     * down through containers (which own no ops) to their last entry, and for a view-like op down
     * to a module's last child when it consumes only that child's outputs.
     */
    private static String trailingOwner(ModuleTree tree, String module, long sequenceNr, List<String> inputs,
        boolean view) {
      String owner = module;
      for (int guard = 0; guard < 1_000; guard++) {
        String last = tree.before(owner, sequenceNr);
        if (last == null) {
          break;
        }
        boolean container = tree.isContainer(owner);
        if (!container && (!view || inputs.isEmpty() || !allWithin(inputs, List.of(last)))) {
          break;
        }
        owner = last;
      }
      return owner;
    }

    private static boolean allWithin(List<String> paths, List<String> modules) {
      for (String path : paths) {
        if (modules.stream().noneMatch(module -> ModuleInfo.isWithin(path, module))) {
          return false;
        }
      }
      return true;
    }

    /** Whether some input of the function was placed by rule 3 directly in {@code module}. */
    private boolean followsGuessed(Node function, String module) {
      for (Edge input : graph.incoming(function.id())) {
        if (input.kind() == EdgeKind.INPUT && guessed.contains(input.tail())
            && module.equals(placed.get(input.tail()))) {
          return true;
        }
      }
      return false;
    }

    private static boolean anyWithin(List<String> paths, String module) {
      return paths.stream().anyMatch(path -> ModuleInfo.isWithin(path, module));
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
