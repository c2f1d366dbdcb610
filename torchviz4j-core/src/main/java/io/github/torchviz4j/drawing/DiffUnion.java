package io.github.torchviz4j.drawing;

import io.github.torchviz4j.diff.DiffKind;
import io.github.torchviz4j.diff.EdgeDiff;
import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.diff.NodeDiff;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.TensorData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The union of the two graphs of a diff as one graph, with the marks that say what changed and the
 * legend that explains them. Matched nodes are drawn as they are after (with the id they have
 * before); removed ones as they were; added ones with {@code +} before their id after. Immutable.
 *
 * @param graph the union graph
 * @param marks a mark per node and edge, labels of changed nodes, counts of changes per module
 * @param legend the legend notes: the summary and one note per mark
 */
record DiffUnion(Graph graph, Marks marks, List<Node> legend) {
  private static final String ARROW = " → ";

  static DiffUnion of(GraphDiff diff, int maxAttrChars) {
    Graph before = diff.before();
    Graph after = diff.after();
    Set<String> beforeIds = new HashSet<>();
    before.nodes().forEach(node -> beforeIds.add(node.id()));
    Map<String, String> idOfAfter = new HashMap<>();
    List<Node> nodes = new ArrayList<>(diff.nodes().size());
    Map<String, Mark> nodeMarks = new HashMap<>();
    Map<String, String> labels = new HashMap<>();
    Map<String, int[]> counts = new TreeMap<>();
    for (NodeDiff entry : diff.nodes()) {
      String id = entry.before().isEmpty() ? addedId(entry.after(), beforeIds) : entry.before();
      if (!entry.after().isEmpty()) {
        idOfAfter.put(entry.after(), id);
      }
      Node source = entry.kind() == DiffKind.REMOVED ? before.node(entry.before()) : after.node(entry.after());
      Node node = withId(source, id);
      nodes.add(node);
      Mark mark = mark(entry.kind());
      nodeMarks.put(id, mark);
      if (entry.kind() == DiffKind.CHANGED) {
        labels.put(id, changedLabel(before.node(entry.before()), node, entry.changes(), maxAttrChars));
      }
      if (entry.kind() != DiffKind.SAME) {
        count(node.modulePath(), entry.kind(), counts);
      }
    }
    List<Edge> edges = new ArrayList<>(diff.edges().size());
    List<Mark> edgeMarks = new ArrayList<>(diff.edges().size());
    for (EdgeDiff entry : diff.edges()) {
      Edge edge;
      if (entry.before().isPresent()) {
        Edge old = entry.before().get();
        edge = entry.after().map(now -> new Edge(old.tail(), old.head(), now.kind(), now.name(), now.shape()))
            .orElse(old);
      } else {
        Edge now = entry.after().orElseThrow();
        edge = new Edge(idOfAfter.get(now.tail()), idOfAfter.get(now.head()), now.kind(), now.name(), now.shape());
      }
      edges.add(edge);
      edgeMarks.add(mark(entry.kind()));
    }
    List<String> outputs = new ArrayList<>(before.outputs());
    after.outputs().stream().map(idOfAfter::get).filter(id -> !outputs.contains(id)).forEach(outputs::add);
    Graph graph = new Graph(nodes, edges, outputs, modules(before, after));
    Map<String, String> notes = new HashMap<>();
    counts.forEach((path, n) -> notes.put(path, countText(n)));
    List<Node> legend = legend(diff);
    for (Node note : legend) {
      nodeMarks.put(note.id(), noteMark(note.id()));
    }
    return new DiffUnion(graph, new Marks(nodeMarks, edgeMarks, labels, notes), legend);
  }

  /** An added node's id: {@code +} and its id after, made unique against the ids before. */
  private static String addedId(String afterId, Set<String> beforeIds) {
    String id = "+" + afterId;
    while (beforeIds.contains(id)) {
      id = "+" + id;
    }
    return id;
  }

  private static Node withId(Node node, String id) {
    return new Node(id, node.kind(), node.name(), node.shape(), node.attributes(), node.modulePath(),
        node.sequenceNr(), node.data(), node.saved());
  }

  private static Mark mark(DiffKind kind) {
    return switch (kind) {
      case SAME -> Mark.SAME;
      case CHANGED -> Mark.CHANGED;
      case ADDED -> Mark.ADDED;
      case REMOVED -> Mark.REMOVED;
    };
  }

  /**
   * A changed node's label: torchviz's, with {@code old → new} where the op, name or shape changed,
   * and one line per other change (an input's shape, an attribute).
   */
  private static String changedLabel(Node old, Node now, List<String> changes, int maxAttrChars) {
    String name = old.name().equals(now.name()) ? now.name() : old.name() + ARROW + now.name();
    StringBuilder label = new StringBuilder();
    if (now.kind() == NodeKind.FUNCTION) {
      label.append(AttributeTable.label(name, now.attributes(), maxAttrChars));
    } else {
      label.append(name).append("\n ").append(old.shape().equals(now.shape())
          ? now.shapeText() : old.shapeText() + ARROW + now.shapeText());
    }
    for (String change : changes) {
      if (!change.startsWith("op ") && !change.startsWith("name ") && !change.startsWith("shape ")) {
        label.append("\n ").append(change);
      }
    }
    return label.toString();
  }

  /** Counts one change in the node's module and in every module around it. */
  private static void count(String modulePath, DiffKind kind, Map<String, int[]> counts) {
    for (String path = modulePath; !path.isEmpty(); path = ModuleInfo.parentOf(path)) {
      counts.computeIfAbsent(path, p -> new int[DiffKind.values().length])[kind.ordinal()]++;
    }
  }

  /** {@code +38 −3 ~2}: what a module gained, lost and changed, zeros left out. */
  private static String countText(int[] counts) {
    List<String> parts = new ArrayList<>(3);
    if (counts[DiffKind.ADDED.ordinal()] > 0) {
      parts.add("+" + counts[DiffKind.ADDED.ordinal()]);
    }
    if (counts[DiffKind.REMOVED.ordinal()] > 0) {
      parts.add("\u2212" + counts[DiffKind.REMOVED.ordinal()]);
    }
    if (counts[DiffKind.CHANGED.ordinal()] > 0) {
      parts.add("~" + counts[DiffKind.CHANGED.ordinal()]);
    }
    return String.join(" ", parts);
  }

  /** The modules of both graphs by path; the graph after's class name where both know one. */
  private static List<ModuleInfo> modules(Graph before, Graph after) {
    Map<String, ModuleInfo> byPath = new LinkedHashMap<>();
    before.modules().forEach(module -> byPath.put(module.path(), module));
    after.modules().forEach(module -> byPath.merge(module.path(), module,
        (old, now) -> now.className().isEmpty() ? old : now));
    return List.copyOf(byPath.values());
  }

  private static List<Node> legend(GraphDiff diff) {
    return List.of(
        note("legend:diff", "diff: " + diff.summary().replace("; ", "\n")),
        note("legend:diff:same", "same in both\n(faded)"),
        note("legend:diff:added", "added"),
        note("legend:diff:removed", "removed"),
        note("legend:diff:changed", "changed:\nold" + ARROW + "new"));
  }

  private static Mark noteMark(String id) {
    return switch (id) {
      case "legend:diff:same" -> Mark.SAME;
      case "legend:diff:added" -> Mark.ADDED;
      case "legend:diff:removed" -> Mark.REMOVED;
      case "legend:diff:changed" -> Mark.CHANGED;
      default -> Mark.NONE;
    };
  }

  private static Node note(String id, String text) {
    return new Node(id, NodeKind.NOTE, text, List.of(), List.of(), "", -1, TensorData.NONE);
  }
}
