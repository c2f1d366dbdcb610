package io.github.torchviz4j.drawing;

import io.github.torchviz4j.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a drawing marks on top of torchviz's picture: a {@link Mark} per node and per edge, labels
 * that replace torchviz's (a changed node's {@code ReluBackward0 → GeluBackward0}), and a note
 * after a module cluster's title ({@code +38 ~2}). An ordinary drawing marks nothing
 * ({@link #NONE}); the drawing of a diff marks every node and edge. Immutable.
 *
 * @param nodes the mark of each node by id; a node not listed has {@link Mark#NONE}
 * @param edges the mark of each edge by its index in the graph's edges; an index past the end has
 *     {@link Mark#NONE}
 * @param labels labels that replace the ones torchviz gives, by node id, lines separated by
 *     {@code \n}
 * @param clusterNotes text drawn after a module cluster's title, by module path
 */
public record Marks(Map<String, Mark> nodes, List<Mark> edges, Map<String, String> labels,
    Map<String, String> clusterNotes) {

  /** Marks nothing. */
  public static final Marks NONE = new Marks(Map.of(), List.of(), Map.of(), Map.of());

  /**
   * Validates and copies.
   *
   * @param nodes the mark of each node by id
   * @param edges the mark of each edge by index
   * @param labels replacement labels by node id
   * @param clusterNotes notes after cluster titles by module path
   */
  public Marks {
    nodes = Map.copyOf(Checks.notNull(nodes, "node marks"));
    edges = List.copyOf(Checks.notNull(edges, "edge marks"));
    labels = Map.copyOf(Checks.notNull(labels, "marked labels"));
    clusterNotes = Map.copyOf(Checks.notNull(clusterNotes, "cluster notes"));
  }

  /**
   * A node's mark.
   *
   * @param nodeId a node id
   * @return its mark, {@link Mark#NONE} when it has none
   */
  public Mark node(String nodeId) {
    return nodes.getOrDefault(nodeId, Mark.NONE);
  }

  /**
   * An edge's mark.
   *
   * @param index the edge's index in the graph's edges
   * @return its mark, {@link Mark#NONE} when it has none
   */
  public Mark edge(int index) {
    return index >= 0 && index < edges.size() ? edges.get(index) : Mark.NONE;
  }

  /**
   * The label that replaces torchviz's for a node.
   *
   * @param nodeId a node id
   * @return the label, or empty to keep torchviz's
   */
  public Optional<String> label(String nodeId) {
    return Optional.ofNullable(labels.get(nodeId));
  }

  /**
   * The note after a module cluster's title.
   *
   * @param path a module path
   * @return the note, e.g. {@code +38 ~2}, or empty text for none
   */
  public String clusterNote(String path) {
    return clusterNotes.getOrDefault(path, "");
  }

  /** @return whether these marks mark anything */
  public boolean isEmpty() {
    return nodes.isEmpty() && edges.isEmpty() && labels.isEmpty() && clusterNotes.isEmpty();
  }
}
