package io.github.torchviz4j.drawing;

import io.github.torchviz4j.drawing.Statement.EdgeStatement;
import io.github.torchviz4j.drawing.Statement.NodeStatement;
import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.TensorData;
import io.github.torchviz4j.internal.HexColor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statements torchviz's {@code make_dot} emits for a graph, in its order, and the role and
 * label each node ends up with. Immutable and thread-safe.
 *
 * <p>It replays {@code make_dot}'s depth-first walk: for each output, the output node, then its
 * {@code grad_fn}'s subgraph, then the {@code grad_fn -> output} edge, then the base of a view. Each
 * function is expanded once: its leaf (for {@code AccumulateGrad}) and the {@code leaf -> fn} edge,
 * the function itself, then for each input the {@code input -> fn} edge followed by the input's own
 * statements. The walk is iterative, so a 100,000-node chain does not overflow the stack. Nodes and
 * edges the walk does not reach (graphs not captured from autograd) follow at the end.
 *
 * <pre>{@code
 * TorchvizStatements statements = TorchvizStatements.of(graph);
 * Role role = statements.role("n0");   // OUTPUT: drawn green
 * }</pre>
 */
public final class TorchvizStatements {
  private final Graph graph;
  private final List<Statement> statements;
  private final Map<String, NodeStatement> lastDeclarations;
  private final GradientScale gradientScale;
  /** Functions coloured by the bytes they hold for backward, on the same log scale as gradients. */
  private final GradientScale memoryScale;
  /** What a diff's drawing marks on nodes and edges; nothing for other drawings. */
  private final Marks marks;

  private TorchvizStatements(Graph graph, List<Statement> statements, Marks marks) {
    this.graph = graph;
    this.marks = marks;
    this.gradientScale = GradientScale.of(graph);
    this.memoryScale = memoryScale(graph);
    this.statements = Collections.unmodifiableList(statements);
    Map<String, NodeStatement> last = new HashMap<>();
    for (Statement statement : statements) {
      if (statement instanceof NodeStatement declaration) {
        last.put(declaration.node().id(), declaration);
      }
    }
    this.lastDeclarations = last;
  }

  /** torchviz's default {@code max_attr_chars}. */
  public static final int DEFAULT_MAX_ATTR_CHARS = 50;

  /**
   * Replays torchviz's walk over a graph, cutting attribute values at torchviz's default 50 chars.
   *
   * @param graph the graph
   * @return its statements
   */
  public static TorchvizStatements of(Graph graph) {
    return of(graph, DEFAULT_MAX_ATTR_CHARS);
  }

  /**
   * Replays torchviz's walk over a graph.
   *
   * @param graph the graph
   * @param maxAttrChars attribute values longer than this are cut with {@code ...} (at least 3)
   * @return its statements
   */
  public static TorchvizStatements of(Graph graph, int maxAttrChars) {
    return of(graph, maxAttrChars, Marks.NONE);
  }

  /**
   * Replays torchviz's walk over a graph and marks its nodes and edges: marked labels replace
   * torchviz's, and {@link Mark#paint} fades the fills of nodes marked the same.
   *
   * @param graph the graph
   * @param maxAttrChars attribute values longer than this are cut with {@code ...} (at least 3)
   * @param marks what to mark, {@link Marks#NONE} for torchviz's drawing
   * @return its statements
   */
  public static TorchvizStatements of(Graph graph, int maxAttrChars, Marks marks) {
    io.github.torchviz4j.internal.Checks.notNull(marks, "marks");
    return new TorchvizStatements(graph, new Walk(graph, maxAttrChars, marks).run(), marks);
  }

  /** @return what the drawing marks on nodes and edges, {@link Marks#NONE} for torchviz's drawing */
  public Marks marks() {
    return marks;
  }

  /**
   * A node's mark.
   *
   * @param nodeId a node id of the graph
   * @return its mark, {@link Mark#NONE} when the drawing marks nothing
   */
  public Mark mark(String nodeId) {
    return marks.node(nodeId);
  }

  /** @return the graph these statements draw */
  public Graph graph() {
    return graph;
  }

  /** @return every statement, in torchviz's order */
  public List<Statement> statements() {
    return statements;
  }

  /**
   * The role a node is drawn with: that of its last declaration.
   *
   * @param nodeId a node id of the graph
   * @return its role
   */
  public Role role(String nodeId) {
    return lastDeclaration(nodeId).role();
  }

  /**
   * The label a node is drawn with: that of its last declaration.
   *
   * @param nodeId a node id of the graph
   * @return its label, lines separated by {@code \n}
   */
  public String label(String nodeId) {
    return lastDeclaration(nodeId).label();
  }

  /**
   * The colour a node is filled with: its role's, or for a tensor whose gradient was captured its
   * gradient norm's colour on a log scale ({@link GradientScale}), red for a missing, all-zero, NaN
   * or infinite gradient.
   *
   * @param nodeId a node id of the graph
   * @return {@code 0xRRGGBB}
   */
  public int fill(String nodeId) {
    return fill(lastDeclaration(nodeId));
  }

  /**
   * The colour one declaration fills its node with: its role's, or its gradient's.
   *
   * @param declaration a node statement of these statements
   * @return {@code 0xRRGGBB}
   */
  public int fill(NodeStatement declaration) {
    return marks.node(declaration.node().id()).paint(unmarkedFill(declaration));
  }

  private int unmarkedFill(NodeStatement declaration) {
    TensorData data = declaration.node().data();
    boolean coloured = declaration.role() == Role.LEAF || declaration.role() == Role.NOTE;
    if (coloured && data.gradientState().isProblem()) {
      return GradientScale.PROBLEM_RGB;
    }
    if (coloured && data.gradientState() == GradientState.PRESENT && gradientScale != null) {
      return gradientScale.rgb(data.gradientNorm());
    }
    long saved = declaration.node().saved().total();
    if (declaration.role() == Role.FUNCTION && saved > 0 && memoryScale != null) {
      return memoryScale.rgb(saved);
    }
    return declaration.role().rgb();
  }

  /**
   * The {@code fillcolor} a DOT statement gives its node: the role's colour name, or {@code #rrggbb}
   * when a gradient colours it.
   *
   * @param declaration a node statement of these statements
   * @return the colour, empty for functions (Graphviz fills them light grey)
   */
  public Optional<String> dotFill(NodeStatement declaration) {
    int fill = fill(declaration);
    return fill == declaration.role().rgb()
        ? declaration.role().dotFillColor()
        : Optional.of(HexColor.of(fill));
  }

  private static GradientScale memoryScale(Graph graph) {
    long lowest = Long.MAX_VALUE;
    long highest = 0;
    for (Node node : graph.nodes()) {
      long saved = node.saved().total();
      if (node.kind() == NodeKind.FUNCTION && saved > 0) {
        lowest = Math.min(lowest, saved);
        highest = Math.max(highest, saved);
      }
    }
    return highest > 0 ? new GradientScale(lowest, highest) : null;
  }

  private NodeStatement lastDeclaration(String nodeId) {
    NodeStatement declaration = lastDeclarations.get(nodeId);
    if (declaration == null) {
      throw new IllegalArgumentException("no node '" + nodeId + "' in this graph");
    }
    return declaration;
  }

  /** One replay of make_dot's walk; single use. */
  private static final class Walk {
    private final Graph graph;
    private final int maxAttrChars;
    private final Marks marks;
    private final List<Statement> out = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> declared = new HashSet<>();
    private final Set<Edge> emitted = Collections.newSetFromMap(new IdentityHashMap<>());

    Walk(Graph graph, int maxAttrChars, Marks marks) {
      this.graph = graph;
      this.maxAttrChars = maxAttrChars;
      this.marks = marks;
    }

    List<Statement> run() {
      for (String output : graph.outputs()) {
        addBaseTensor(output, Role.OUTPUT);
      }
      for (Node node : graph.nodes()) {
        if (!declared.contains(node.id())) {
          declare(node, fallbackRole(node), label(node));
        }
      }
      for (Edge edge : graph.edges()) {
        if (!emitted.contains(edge)) {
          emit(edge);
        }
      }
      return out;
    }

    private void addBaseTensor(String tensorId, Role role) {
      if (!seen.add(tensorId)) {
        return;
      }
      Node tensor = graph.node(tensorId);
      declare(tensor, role, label(tensor));
      Optional<Edge> gradFn = firstIncoming(tensorId, EdgeKind.OUTPUT);
      if (gradFn.isPresent()) {
        addNodes(gradFn.get().tail());
        emit(gradFn.get());
      }
      Optional<Edge> view = firstIncoming(tensorId, EdgeKind.VIEW);
      if (view.isPresent()) {
        addBaseTensor(view.get().tail(), Role.VIEW_BASE);
        emit(view.get());
      }
    }

    /** make_dot's recursive add_nodes, with an explicit stack of (function, next input) frames. */
    private void addNodes(String rootId) {
      Deque<Frame> stack = new ArrayDeque<>();
      enter(rootId, stack);
      while (!stack.isEmpty()) {
        Frame frame = stack.peek();
        if (frame.next < frame.inputs.size()) {
          Edge input = frame.inputs.get(frame.next++);
          emit(input);
          enter(input.tail(), stack);
        } else {
          stack.pop();
        }
      }
    }

    private void enter(String functionId, Deque<Frame> stack) {
      if (!seen.add(functionId)) {
        return;
      }
      for (Edge saved : graph.outgoing(functionId)) {
        if (saved.kind() == EdgeKind.SAVED) {
          seen.add(saved.head());
          emit(saved);
          Node tensor = graph.node(saved.head());
          declare(tensor, Role.SAVED, marks.label(tensor.id()).orElse(tensor.tensorLabel(saved.name())));
        }
      }
      Optional<Edge> leaf = firstIncoming(functionId, EdgeKind.LEAF);
      if (leaf.isPresent()) {
        Node variable = graph.node(leaf.get().tail());
        seen.add(variable.id());
        declare(variable, Role.LEAF, label(variable));
        emit(leaf.get());
      }
      Node function = graph.node(functionId);
      declare(function, roleOf(function), label(function));
      stack.push(new Frame(inputsOf(functionId)));
    }

    private List<Edge> inputsOf(String functionId) {
      List<Edge> inputs = new ArrayList<>();
      for (Edge edge : graph.incoming(functionId)) {
        if (edge.kind() == EdgeKind.INPUT) {
          inputs.add(edge);
        }
      }
      return inputs;
    }

    private Optional<Edge> firstIncoming(String nodeId, EdgeKind kind) {
      return graph.incoming(nodeId).stream().filter(e -> e.kind() == kind).findFirst();
    }

    private Role fallbackRole(Node node) {
      if (node.kind() != NodeKind.TENSOR && node.kind() != NodeKind.FREED_TENSOR) {
        return roleOf(node);
      }
      return graph.incoming(node.id()).stream().anyMatch(e -> e.kind() == EdgeKind.SAVED)
          ? Role.SAVED
          : Role.LEAF;
    }

    private static Role roleOf(Node function) {
      return switch (function.kind()) {
        case FUNCTION -> Role.FUNCTION;
        case MODULE -> Role.MODULE;
        case NOTE -> Role.NOTE;
        default -> Role.LEAF;
      };
    }

    private String label(Node node) {
      Optional<String> marked = marks.label(node.id());
      if (marked.isPresent()) {
        return marked.get();
      }
      return switch (node.kind()) {
        case FUNCTION -> AttributeTable.label(node.name(), withSaved(node), maxAttrChars);
        case MODULE -> AttributeTable.label(graph.module(node.name()).displayPath(), node.attributes(), maxAttrChars);
        case NOTE -> node.name();
        default -> node.label() + dataLines(node.data());
      };
    }

    /** A function's attributes, and the memory it holds for backward when that was measured. */
    private static List<Attribute> withSaved(Node function) {
      if (!function.saved().measured() || function.saved().total() == 0) {
        return function.attributes();
      }
      List<Attribute> rows = new ArrayList<>(function.attributes());
      rows.add(new Attribute("saved", new AttributeValue.TextValue(SavedTotals.text(function.saved()))));
      return rows;
    }

    /** A tensor's captured values and gradient, as extra label lines. */
    private static String dataLines(TensorData data) {
      StringBuilder lines = new StringBuilder();
      if (!data.values().isEmpty()) {
        lines.append("\n = ").append(NumberText.of(data.values()));
      }
      switch (data.gradientState()) {
        case MISSING -> lines.append("\n grad: None");
        case ZERO -> lines.append("\n grad: all zero");
        case NAN -> lines.append("\n grad: NaN");
        case INF -> lines.append("\n grad: Inf");
        case PRESENT -> {
          if (!data.gradientValues().isEmpty()) {
            lines.append("\n grad = ").append(NumberText.of(data.gradientValues()));
          }
          lines.append("\n |grad| ").append(NumberText.of(data.gradientNorm()))
              .append(", max ").append(NumberText.of(data.gradientMaxAbs()));
        }
        default -> { }
      }
      return lines.toString();
    }

    private void declare(Node node, Role role, String label) {
      declared.add(node.id());
      out.add(new NodeStatement(node, role, label));
    }

    private void emit(Edge edge) {
      emitted.add(edge);
      out.add(new EdgeStatement(edge));
    }
  }

  private static final class Frame {
    final List<Edge> inputs;
    int next;

    Frame(List<Edge> inputs) {
      this.inputs = inputs;
    }
  }
}
