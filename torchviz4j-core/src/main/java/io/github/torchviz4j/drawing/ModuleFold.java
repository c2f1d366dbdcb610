package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds repeated blocks: a run of consecutive sibling modules with the same class and the same op
 * structure ({@code layers.1} … {@code layers.47} of an encoder) is drawn once, as its first
 * module, which then stands for all of them ({@link ModuleInfo#count()}). Edges from outside into
 * any of them enter the first; edges out of any of them leave from the first; edges between them
 * are dropped. Modules that differ (a first block with a downsample) stay apart. Outer runs fold
 * first, and a kept module's own children fold in turn. Stateless.
 */
final class ModuleFold {
  private ModuleFold() {}

  /** One run of identical siblings: the kept first module and the others, in forward order. */
  private record Run(String first, List<String> others) {}

  /**
   * Folds the repeated blocks of a graph.
   *
   * @param graph a graph whose nodes carry module paths
   * @return the folded graph; the same graph when nothing repeats
   */
  static Graph fold(Graph graph) {
    Map<String, List<Node>> members = members(graph);
    List<Run> runs = runs(graph, members);
    if (runs.isEmpty()) {
      return graph;
    }
    Map<String, String> kept = new HashMap<>();
    Map<String, Map<Integer, Boolean>> runsOf = new HashMap<>();
    for (int r = 0; r < runs.size(); r++) {
      for (Node node : members.get(runs.get(r).first())) {
        runsOf.computeIfAbsent(node.id(), id -> new HashMap<>()).putIfAbsent(r, false);
      }
      for (Map.Entry<String, String> copy : keptNodes(runs.get(r), members).entrySet()) {
        kept.put(copy.getKey(), copy.getValue());
        runsOf.computeIfAbsent(copy.getKey(), id -> new HashMap<>()).put(r, true);
      }
    }
    // A copy of a block whose kept block folded its own children stands for the kept child.
    kept.replaceAll((copy, first) -> {
      String target = first;
      while (kept.containsKey(target)) {
        target = kept.get(target);
      }
      return target;
    });
    List<Node> nodes = graph.nodes().stream().filter(node -> !kept.containsKey(node.id())).toList();
    return new Graph(nodes, edges(graph, kept, runsOf), graph.outputs(), modules(graph, runs),
        graph.unusedParameters());
  }

  /**
   * The runs {@link #fold} draws once, for a viewer that folds and unfolds them itself on the
   * complete graph: outer runs first, then runs inside kept modules, as {@link #fold} folds them.
   *
   * @param graph a graph whose nodes carry module paths
   * @return the groups; empty when nothing repeats
   */
  static List<FoldGroup> groups(Graph graph) {
    Map<String, List<Node>> members = members(graph);
    List<FoldGroup> groups = new ArrayList<>();
    for (Run run : runs(graph, members)) {
      String last = run.others().get(run.others().size() - 1);
      groups.add(new FoldGroup(graph.module(run.first()).folded(last, run.others().size() + 1), run.others(),
          keptNodes(run, members)));
    }
    return List.copyOf(groups);
  }

  /** Each node of a run's copies mapped to the first module's node it corresponds to, copies in order. */
  private static Map<String, String> keptNodes(Run run, Map<String, List<Node>> members) {
    List<Node> first = ordered(members.get(run.first()));
    Map<String, String> kept = new LinkedHashMap<>();
    for (String other : run.others()) {
      // Equal signatures: the copies' nodes correspond to the first's position by position.
      List<Node> copy = ordered(members.get(other));
      for (int i = 0; i < copy.size(); i++) {
        kept.put(copy.get(i).id(), first.get(i).id());
      }
    }
    return kept;
  }

  /** The nodes inside each module path (its own and its descendants'), outputs excepted. */
  private static Map<String, List<Node>> members(Graph graph) {
    Map<String, List<Node>> members = new LinkedHashMap<>();
    Set<String> outputs = new HashSet<>(graph.outputs());
    for (Node node : graph.nodes()) {
      if (outputs.contains(node.id())) {
        continue;
      }
      for (String path = node.modulePath(); !path.isEmpty(); path = ModuleInfo.parentOf(path)) {
        members.computeIfAbsent(path, p -> new ArrayList<>()).add(node);
      }
    }
    return members;
  }

  /** Runs of identical consecutive siblings, outer ones first; nothing inside a folded-away module. */
  private static List<Run> runs(Graph graph, Map<String, List<Node>> members) {
    Map<String, List<String>> childrenByParent = new TreeMap<>(Comparator.comparingInt(ModuleFold::depth)
        .thenComparing(Comparator.naturalOrder()));
    for (String path : members.keySet()) {
      childrenByParent.computeIfAbsent(ModuleInfo.parentOf(path), p -> new ArrayList<>()).add(path);
    }
    Set<String> foldedAway = new HashSet<>();
    List<Run> runs = new ArrayList<>();
    childrenByParent.forEach((parent, children) -> {
      if (foldedAway.stream().anyMatch(gone -> ModuleInfo.isWithin(parent, gone))) {
        return;
      }
      List<String> inOrder = children.stream()
          .sorted(Comparator.comparingLong((String path) -> firstSequenceNr(members.get(path))))
          .toList();
      List<String> signatures = inOrder.stream().map(path -> signature(graph, path, members.get(path))).toList();
      for (int start = 0; start < inOrder.size(); ) {
        String first = inOrder.get(start);
        int end = start + 1;
        while (end < inOrder.size() && signatures.get(start).equals(signatures.get(end))) {
          end++;
        }
        if (end - start >= 2) {
          List<String> others = inOrder.subList(start + 1, end);
          runs.add(new Run(first, others));
          foldedAway.addAll(others);
        }
        start = end;
      }
    });
    return runs;
  }

  private static int depth(String path) {
    return path.isEmpty() ? 0 : path.split("\\.").length;
  }

  private static long firstSequenceNr(List<Node> nodes) {
    return nodes.stream().mapToLong(Node::sequenceNr).filter(n -> n >= 0).min().orElse(Long.MAX_VALUE);
  }

  /**
   * What makes two modules alike: their class, and each node inside (kind, op or name relative to
   * the module, shape, relative module) in forward order, with the edges between them by position.
   */
  private static String signature(Graph graph, String path, List<Node> inside) {
    List<Node> nodes = ordered(inside);
    Map<String, Integer> position = new HashMap<>();
    StringBuilder text = new StringBuilder(graph.moduleClassName(path)).append('|');
    for (Node node : nodes) {
      position.put(node.id(), position.size());
      String relativeName = node.name().startsWith(path + ".") ? node.name().substring(path.length()) : node.name();
      String relativeModule = node.modulePath().substring(path.length());
      text.append(node.kind()).append(':').append(relativeName).append(':').append(node.shape())
          .append(':').append(relativeModule).append(';');
    }
    for (Node node : nodes) {
      for (Edge edge : graph.outgoing(node.id())) {
        Integer head = position.get(edge.head());
        if (head != null) {
          text.append(position.get(node.id())).append('>').append(head).append(edge.kind()).append(edge.shape()).append(';');
        }
      }
    }
    return text.toString();
  }

  /**
   * A module's nodes in forward order: functions by sequence number, then AccumulateGrads and
   * tensors, which have none, in capture order.
   */
  private static List<Node> ordered(List<Node> nodes) {
    Map<String, Integer> captureOrder = new HashMap<>();
    nodes.forEach(node -> captureOrder.put(node.id(), captureOrder.size()));
    return nodes.stream()
        .sorted(Comparator.comparingLong((Node node) -> node.sequenceNr() >= 0 ? node.sequenceNr() : Long.MAX_VALUE)
            .thenComparing(node -> captureOrder.get(node.id())))
        .toList();
  }

  private static List<Edge> edges(Graph graph, Map<String, String> kept, Map<String, Map<Integer, Boolean>> runsOf) {
    List<Edge> edges = new ArrayList<>();
    Set<List<Object>> added = new HashSet<>();
    for (Edge edge : graph.edges()) {
      String tail = kept.getOrDefault(edge.tail(), edge.tail());
      String head = kept.getOrDefault(edge.head(), edge.head());
      if (tail.equals(edge.tail()) && head.equals(edge.head())) {
        edges.add(edge);
      } else if (!withinOneRun(runsOf.get(edge.tail()), runsOf.get(edge.head()))
          && added.add(List.of(tail, head, edge.kind(), edge.name(), edge.shape()))) {
        edges.add(new Edge(tail, head, edge.kind(), edge.name(), edge.shape()));
      }
    }
    return edges;
  }

  /** Whether an edge runs between or inside the folded-away copies of one run: it is the kept module's. */
  private static boolean withinOneRun(Map<Integer, Boolean> tail, Map<Integer, Boolean> head) {
    if (tail == null || head == null) {
      return false;
    }
    return tail.entrySet().stream().anyMatch(run -> head.containsKey(run.getKey())
        && (run.getValue() || head.get(run.getKey())));
  }

  private static List<ModuleInfo> modules(Graph graph, List<Run> runs) {
    Map<String, ModuleInfo> byPath = new LinkedHashMap<>();
    graph.modules().forEach(module -> byPath.putIfAbsent(module.path(), module));
    for (Run run : runs) {
      String last = run.others().get(run.others().size() - 1);
      byPath.put(run.first(), graph.module(run.first()).folded(last, run.others().size() + 1));
      byPath.keySet().removeIf(path -> run.others().stream().anyMatch(other -> ModuleInfo.isWithin(path, other)));
    }
    return List.copyOf(byPath.values());
  }
}
