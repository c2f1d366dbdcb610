package io.github.torchviz4j.diff;

import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches the nodes of two graphs: parameters by name, outputs by position, backward functions by
 * module and, within a module, by the order of their ops ({@link Alignment}); what hangs off a
 * matched node (its AccumulateGrads, unnamed leaves, saved tensors, view bases) through the edges
 * of the same kind and name. Single use.
 */
final class NodeMatcher {
  private static final String ACCUMULATE_GRAD = "AccumulateGrad";

  private final Graph before;
  private final Graph after;
  private final Map<String, String> forward = new HashMap<>();
  private final Map<String, String> backward = new HashMap<>();
  private final Deque<String> matchedBefore = new ArrayDeque<>();

  NodeMatcher(Graph before, Graph after) {
    this.before = before;
    this.after = after;
  }

  GraphDiff diff() {
    matchNamedTensors();
    matchOutputs();
    matchFunctionsByModule();
    matchAlongEdges();
    return new GraphDiff(before, after, nodeDiffs(), EdgeMatcher.diff(before, after, forward));
  }

  private void matchNamedTensors() {
    Map<String, Node> afterByName = new HashMap<>();
    for (Node node : after.nodes()) {
      if (node.kind() == NodeKind.TENSOR && !node.name().isEmpty()) {
        afterByName.putIfAbsent(node.name(), node);
      }
    }
    for (Node node : before.nodes()) {
      if (node.kind() == NodeKind.TENSOR && !node.name().isEmpty() && afterByName.containsKey(node.name())) {
        match(node.id(), afterByName.get(node.name()).id());
      }
    }
  }

  private void matchOutputs() {
    for (int i = 0; i < Math.min(before.outputs().size(), after.outputs().size()); i++) {
      match(before.outputs().get(i), after.outputs().get(i));
    }
  }

  private void matchFunctionsByModule() {
    Map<String, List<Node>> beforeByModule = functionsByModule(before);
    Map<String, List<Node>> afterByModule = functionsByModule(after);
    beforeByModule.forEach((module, left) -> {
      List<Node> right = afterByModule.get(module);
      if (right != null) {
        for (Alignment.Pair pair : Alignment.of(names(left), names(right))) {
          match(left.get(pair.left()).id(), right.get(pair.right()).id());
        }
      }
    });
  }

  /** Backward functions other than AccumulateGrad, per module, in the order the forward pass made them. */
  private static Map<String, List<Node>> functionsByModule(Graph graph) {
    Map<String, List<Node>> byModule = new LinkedHashMap<>();
    List<Node> functions = graph.nodes().stream()
        .filter(n -> n.kind() == NodeKind.FUNCTION && !n.name().equals(ACCUMULATE_GRAD))
        .toList();
    boolean numbered = functions.stream().allMatch(n -> n.sequenceNr() >= 0);
    List<Node> ordered = numbered
        ? functions.stream().sorted(Comparator.comparingLong(Node::sequenceNr)).toList()
        : functions;
    for (Node node : ordered) {
      byModule.computeIfAbsent(node.modulePath(), m -> new ArrayList<>()).add(node);
    }
    return byModule;
  }

  private static List<String> names(List<Node> nodes) {
    return nodes.stream().map(Node::name).toList();
  }

  /**
   * From each matched pair, pairs the unmatched AccumulateGrads and tensors on edges of the same
   * kind and name, by position: the leaf of a matched AccumulateGrad, the saved {@code mat1} of a
   * matched AddmmBackward0.
   */
  private void matchAlongEdges() {
    while (!matchedBefore.isEmpty()) {
      String left = matchedBefore.pop();
      String right = forward.get(left);
      pairEnds(before.incoming(left), after.incoming(right), true);
      pairEnds(before.outgoing(left), after.outgoing(right), false);
    }
  }

  private void pairEnds(List<Edge> leftEdges, List<Edge> rightEdges, boolean tails) {
    Map<String, List<String>> rightByKind = new HashMap<>();
    for (Edge edge : rightEdges) {
      rightByKind.computeIfAbsent(edge.kind() + "/" + edge.name(), k -> new ArrayList<>()).add(end(edge, tails));
    }
    Map<String, Integer> used = new HashMap<>();
    for (Edge edge : leftEdges) {
      String key = edge.kind() + "/" + edge.name();
      List<String> candidates = rightByKind.getOrDefault(key, List.of());
      int index = used.merge(key, 1, Integer::sum) - 1;
      if (index < candidates.size()) {
        String left = end(edge, tails);
        String right = candidates.get(index);
        if (!forward.containsKey(left) && !backward.containsKey(right) && hangsOff(before.node(left), after.node(right))) {
          match(left, right);
        }
      }
    }
  }

  private static String end(Edge edge, boolean tail) {
    return tail ? edge.tail() : edge.head();
  }

  /** Nodes that can be matched through an edge: AccumulateGrads and tensors of the same kind. */
  private static boolean hangsOff(Node left, Node right) {
    boolean accumulate = left.name().equals(ACCUMULATE_GRAD) && right.name().equals(ACCUMULATE_GRAD);
    boolean tensors = left.kind() != NodeKind.FUNCTION && left.kind() == right.kind();
    return accumulate || tensors;
  }

  private void match(String left, String right) {
    if (forward.containsKey(left) || backward.containsKey(right)) {
      return;
    }
    forward.put(left, right);
    backward.put(right, left);
    matchedBefore.push(left);
  }

  private List<NodeDiff> nodeDiffs() {
    List<NodeDiff> diffs = new ArrayList<>();
    for (Node node : before.nodes()) {
      String right = forward.get(node.id());
      if (right == null) {
        diffs.add(new NodeDiff(node.id(), "", DiffKind.REMOVED, List.of()));
      } else {
        List<String> changes = changes(node, after.node(right));
        diffs.add(new NodeDiff(node.id(), right, changes.isEmpty() ? DiffKind.SAME : DiffKind.CHANGED, changes));
      }
    }
    for (Node node : after.nodes()) {
      if (!backward.containsKey(node.id())) {
        diffs.add(new NodeDiff("", node.id(), DiffKind.ADDED, List.of()));
      }
    }
    return diffs;
  }

  /** What differs between two matched nodes, each as {@code what old → new}. */
  private List<String> changes(Node left, Node right) {
    List<String> changes = new ArrayList<>();
    if (!left.name().equals(right.name())) {
      changes.add((left.kind() == NodeKind.FUNCTION ? "op " : "name ") + left.name() + " → " + right.name());
    }
    if (left.kind() != right.kind()) {
      changes.add("kind " + left.kind() + " → " + right.kind());
    }
    if (!left.shape().equals(right.shape())) {
      changes.add("shape " + left.shapeText() + " → " + right.shapeText());
    }
    inputShapes(left, right).ifPresent(changes::add);
    changes.addAll(attributeChanges(left.attributes(), right.attributes()));
    return changes;
  }

  /** The shapes of the tensors a function receives in the forward pass, as its input edges carry them. */
  private Optional<String> inputShapes(Node left, Node right) {
    List<String> leftShapes = inputShapeTexts(before, left);
    List<String> rightShapes = inputShapeTexts(after, right);
    if (leftShapes.equals(rightShapes)) {
      return Optional.empty();
    }
    for (int i = 0; i < Math.min(leftShapes.size(), rightShapes.size()); i++) {
      if (!leftShapes.get(i).equals(rightShapes.get(i))) {
        return Optional.of("input shape " + leftShapes.get(i) + " → " + rightShapes.get(i));
      }
    }
    return Optional.of("inputs " + leftShapes.size() + " → " + rightShapes.size());
  }

  private static List<String> inputShapeTexts(Graph graph, Node node) {
    return graph.incoming(node.id()).stream()
        .filter(edge -> edge.kind() == EdgeKind.INPUT && !edge.shape().isEmpty())
        .map(edge -> Node.tensor("shape", "", edge.shape()).shapeText())
        .toList();
  }

  private static List<String> attributeChanges(List<Attribute> left, List<Attribute> right) {
    Map<String, String> leftValues = attributeTexts(left);
    Map<String, String> rightValues = attributeTexts(right);
    List<String> changes = new ArrayList<>();
    leftValues.forEach((name, value) -> {
      String other = rightValues.get(name);
      if (!Objects.equals(value, other)) {
        changes.add(name + " " + value + " → " + (other == null ? "(none)" : other));
      }
    });
    rightValues.forEach((name, value) -> {
      if (!leftValues.containsKey(name)) {
        changes.add(name + " (none) → " + value);
      }
    });
    return changes;
  }

  private static Map<String, String> attributeTexts(List<Attribute> attributes) {
    Map<String, String> texts = new LinkedHashMap<>();
    attributes.forEach(attribute -> texts.put(attribute.name(), attribute.value().pythonText()));
    return texts;
  }
}
