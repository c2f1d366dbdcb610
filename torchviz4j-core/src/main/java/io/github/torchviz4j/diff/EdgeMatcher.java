package io.github.torchviz4j.diff;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Matches edges whose two ends were matched and whose kinds agree; repeated edges pair in order. */
final class EdgeMatcher {
  private EdgeMatcher() {}

  static List<EdgeDiff> diff(Graph before, Graph after, Map<String, String> nodes) {
    Map<String, Deque<Edge>> afterByEnds = new HashMap<>();
    for (Edge edge : after.edges()) {
      afterByEnds.computeIfAbsent(key(edge.tail(), edge.head(), edge), k -> new ArrayDeque<>()).add(edge);
    }
    List<EdgeDiff> diffs = new ArrayList<>();
    // By identity: a repeated edge (a * a) is two equal records, matched one by one.
    Set<Edge> matched = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Edge edge : before.edges()) {
      String tail = nodes.get(edge.tail());
      String head = nodes.get(edge.head());
      Deque<Edge> candidates = tail == null || head == null ? null : afterByEnds.get(key(tail, head, edge));
      Edge other = candidates == null ? null : candidates.poll();
      if (other == null) {
        diffs.add(new EdgeDiff(Optional.of(edge), Optional.empty(), DiffKind.REMOVED));
      } else {
        matched.add(other);
        DiffKind kind = edge.shape().equals(other.shape()) ? DiffKind.SAME : DiffKind.CHANGED;
        diffs.add(new EdgeDiff(Optional.of(edge), Optional.of(other), kind));
      }
    }
    for (Edge edge : after.edges()) {
      if (!matched.contains(edge)) {
        diffs.add(new EdgeDiff(Optional.empty(), Optional.of(edge), DiffKind.ADDED));
      }
    }
    return diffs;
  }

  private static String key(String tail, String head, Edge edge) {
    return tail + "\u0000" + head + "\u0000" + edge.kind() + "\u0000" + edge.name();
  }
}
