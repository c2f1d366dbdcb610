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
 * @param modulePath the dotted path of the module that made the node ({@code layers.0.self_attn}),
 *     empty for the root model or when unknown
 * @param sequenceNr a function's autograd sequence number, the order in which the forward pass
 *     created it; -1 for tensors and functions without one (AccumulateGrad)
 * @param data a tensor's values and gradient, when captured ({@link TensorData#NONE} otherwise)
 * @param saved a function's memory held for backward, when measured ({@link
 *     SavedBytes#NOT_MEASURED} otherwise)
 */
public record Node(String id, NodeKind kind, String name, List<Long> shape, List<Attribute> attributes,
    String modulePath, long sequenceNr, TensorData data, SavedBytes saved) {

  /**
   * Validates and copies the lists.
   *
   * @param id unique within its graph; any non-empty text
   * @param kind function or tensor
   * @param name for a function its class name without namespace ({@code AddmmBackward0}); for a tensor
   *     its parameter name, or empty when it has none (outputs, unnamed leaves)
   * @param shape a tensor's sizes (empty for 0-d tensors and for functions)
   * @param attributes a function's saved attributes, sorted by name as Python lists them; empty when
   *     not captured
   * @param modulePath the dotted path of the module that made the node ({@code layers.0.self_attn}),
   *     empty for the root model or when unknown
   * @param sequenceNr a function's autograd sequence number, the order in which the forward pass
   *     created it; -1 for tensors and functions without one (AccumulateGrad)
   * @param data a tensor's values and gradient, when captured ({@link TensorData#NONE} otherwise)
   * @param saved a function's memory held for backward, when measured
   */
  public Node {
    Checks.notNull(id, "node id");
    Checks.check(!id.isEmpty(), "node id is empty; give every node a non-empty id");
    Checks.notNull(kind, "node kind");
    Checks.notNull(name, "node name");
    shape = List.copyOf(Checks.notNull(shape, "node shape"));
    attributes = List.copyOf(Checks.notNull(attributes, "node attributes"));
    Checks.notNull(modulePath, "module path");
    Checks.check(sequenceNr >= -1, "sequence number " + sequenceNr + " is invalid; use -1 for none");
    Checks.notNull(data, "tensor data");
    Checks.notNull(saved, "saved bytes");
  }

  /**
   * A node with captured numbers and no measured memory.
   *
   * @param id unique id
   * @param kind what the node stands for
   * @param name function class name, or tensor name
   * @param shape tensor sizes
   * @param attributes a function's saved attributes
   * @param modulePath the module that made it
   * @param sequenceNr a function's sequence number, or -1
   * @param data a tensor's values and gradient
   */
  public Node(String id, NodeKind kind, String name, List<Long> shape, List<Attribute> attributes,
      String modulePath, long sequenceNr, TensorData data) {
    this(id, kind, name, shape, attributes, modulePath, sequenceNr, data, SavedBytes.NOT_MEASURED);
  }

  /**
   * A node without captured numbers.
   *
   * @param id unique id
   * @param kind what the node stands for
   * @param name function class name, or tensor name
   * @param shape tensor sizes
   * @param attributes a function's saved attributes
   * @param modulePath the module that made it
   * @param sequenceNr a function's sequence number, or -1
   */
  public Node(String id, NodeKind kind, String name, List<Long> shape, List<Attribute> attributes,
      String modulePath, long sequenceNr) {
    this(id, kind, name, shape, attributes, modulePath, sequenceNr, TensorData.NONE);
  }

  /**
   * A node outside any module, without sequence number.
   *
   * @param id unique id
   * @param kind function or tensor
   * @param name function class name, or tensor name
   * @param shape tensor sizes
   * @param attributes a function's saved attributes
   */
  public Node(String id, NodeKind kind, String name, List<Long> shape, List<Attribute> attributes) {
    this(id, kind, name, shape, attributes, "", -1);
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
   * A copy placed in another module.
   *
   * @param path the module's dotted path, empty for the root
   * @return the copy
   */
  public Node withModulePath(String path) {
    return new Node(id, kind, name, shape, attributes, path, sequenceNr, data, saved);
  }

  /**
   * A copy with an autograd sequence number.
   *
   * @param number the sequence number, -1 for none
   * @return the copy
   */
  public Node withSequenceNr(long number) {
    return new Node(id, kind, name, shape, attributes, modulePath, number, data, saved);
  }

  /**
   * A copy with captured values and gradient.
   *
   * @param newData the numbers
   * @return the copy
   */
  public Node withData(TensorData newData) {
    return new Node(id, kind, name, shape, attributes, modulePath, sequenceNr, newData, saved);
  }

  /**
   * A copy with the memory a function holds for backward.
   *
   * @param bytes what it saved
   * @return the copy
   */
  public Node withSaved(SavedBytes bytes) {
    return new Node(id, kind, name, shape, attributes, modulePath, sequenceNr, data, bytes);
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
   * How many elements a tensor of this shape holds.
   *
   * @return the product of the shape's sizes; 1 for a 0-d tensor
   */
  public long elements() {
    return shape.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
  }

  /**
   * The shape as torchviz prints it: {@code (1, 2)}, {@code (16)}, {@code ()}.
   *
   * @return the shape text
   */
  public String shapeText() {
    return shapeText(shape);
  }

  /**
   * A shape as torchviz prints it: {@code (1, 2)}, {@code (16)}, {@code ()}.
   *
   * @param sizes a tensor's sizes
   * @return the shape text
   */
  public static String shapeText(List<Long> sizes) {
    return sizes.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }
}
