package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One node of an autograd graph: a backward function or a tensor. Immutable.
 *
 * @param id unique within its graph; any non-empty text
 * @param kind function or tensor
 * @param name for a function its class name without namespace ({@code AddmmBackward0}); for a tensor
 *     its parameter name, or empty when it has none (outputs, unnamed leaves)
 * @param shape a tensor's sizes (empty for 0-d tensors and for functions)
 * @param attributes a function's saved attributes, sorted by name as Python lists them; empty when
 *     not captured
 */
public record Node(String id, NodeKind kind, String name, List<Long> shape, List<Attribute> attributes) {

  /** Validates and copies the lists. */
  public Node {
    Checks.notNull(id, "node id");
    Checks.check(!id.isEmpty(), "node id is empty; give every node a non-empty id");
    Checks.notNull(kind, "node kind");
    Checks.notNull(name, "node name");
    shape = List.copyOf(Checks.notNull(shape, "node shape"));
    attributes = List.copyOf(Checks.notNull(attributes, "node attributes"));
  }

  /**
   * A node without attributes.
   *
   * @param id unique id
   * @param kind function or tensor
   * @param name function class name, or tensor name
   * @param shape tensor sizes
   */
  public Node(String id, NodeKind kind, String name, List<Long> shape) {
    this(id, kind, name, shape, List.of());
  }

  /**
   * A backward-function node.
   *
   * @param id unique id
   * @param name the function's class name, e.g. {@code TanhBackward0}
   * @return the node
   */
  public static Node function(String id, String name) {
    return new Node(id, NodeKind.FUNCTION, name, List.of());
  }

  /**
   * A backward-function node with its saved attributes.
   *
   * @param id unique id
   * @param name the function's class name
   * @param attributes its attributes, sorted by name
   * @return the node
   */
  public static Node function(String id, String name, List<Attribute> attributes) {
    return new Node(id, NodeKind.FUNCTION, name, List.of(), attributes);
  }

  /**
   * A saved tensor that {@code backward()} freed.
   *
   * @param id unique id
   * @return the node
   */
  public static Node freedTensor(String id) {
    return new Node(id, NodeKind.FREED_TENSOR, "", List.of());
  }

  /**
   * A tensor node.
   *
   * @param id unique id
   * @param name parameter name, or empty
   * @param shape the tensor's sizes
   * @return the node
   */
  public static Node tensor(String id, String name, List<Long> shape) {
    return new Node(id, NodeKind.TENSOR, name, shape);
  }

  /**
   * The label torchviz gives this node: the function name, or for a tensor its name, a newline, a
   * space and its shape, e.g. {@code "layer1.weight\n (1, 2)"}.
   *
   * @return the label text, lines separated by {@code \n}
   */
  public String label() {
    return kind == NodeKind.FUNCTION ? name : tensorLabel(name);
  }

  /**
   * The label of this tensor under another name, as torchviz labels a saved tensor with its field.
   *
   * @param tensorName the name to show
   * @return {@code tensorName + "\n " + shape}
   */
  public String tensorLabel(String tensorName) {
    return tensorName + "\n " + (kind == NodeKind.FREED_TENSOR ? "(freed)" : shapeText());
  }

  /**
   * The shape as torchviz prints it: {@code (1, 2)}, {@code (16)}, {@code ()}.
   *
   * @return the shape text
   */
  public String shapeText() {
    return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }
}
