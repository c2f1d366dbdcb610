package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a picture of a graph shows, decided in one pure step from the captured graph and the
 * drawing options: modules collapsed to {@link DrawingOptions#depth()}, module paths kept for
 * clusters or dropped, torchviz's statements with each node's role, label and fill, and the
 * legend notes of captured gradients. Every writer but the flat DOT text reads a drawing (pictures
 * through its layout); none prepares the graph itself. Immutable and thread-safe.
 *
 * <pre>{@code
 * Drawing drawing = Drawing.of(graph, new DrawingOptions(1, false, 0, 50)); // top-level modules as boxes
 * Role role = drawing.statements().role("n0");   // OUTPUT: drawn green
 * }</pre>
 */
public final class Drawing {
  private final Graph source;
  private final DrawingOptions options;
  private final Graph shown;
  private final TorchvizStatements statements;
  private final List<Node> legend;
  private final List<String> edgeLabels;
  private volatile List<DrawnNode> nodes;

  private Drawing(Graph source, DrawingOptions options, Graph shown, List<Node> legend, List<String> edgeLabels,
      Marks marks) {
    this.edgeLabels = List.copyOf(edgeLabels);
    this.source = source;
    this.options = options;
    this.shown = shown;
    this.legend = List.copyOf(legend);
    this.statements = TorchvizStatements.of(shown, options.maxAttrChars(), marks);
  }

  /**
   * Draws a graph.
   *
   * @param graph a captured graph; never changed
   * @param options what to show
   * @return the drawing
   */
  public static Drawing of(Graph graph, DrawingOptions options) {
    Checks.notNull(graph, "graph");
    Checks.notNull(options, "drawing options");
    Graph folded = options.fold() ? ModuleFold.fold(graph) : graph;
    Graph collapsed = ModuleCollapse.collapse(folded, options.depth());
    if (!options.clusters() && collapsed.nodes().stream().anyMatch(node -> !node.modulePath().isEmpty())) {
      collapsed = collapsed.withNodes(
          collapsed.nodes().stream().map(node -> node.withModulePath("")).toList(), collapsed.modules());
    }
    List<Node> legend = GradientLegend.notes(collapsed);
    if (options.backward()) {
      return withBackward(graph, options, collapsed, legend);
    }
    Graph shown = legend.isEmpty() ? collapsed : withNotes(collapsed, legend);
    Graph withoutPass = shown.backward().isPresent() ? shown.withBackward(null) : shown;
    return new Drawing(graph, options, withoutPass, legend, List.of(), Marks.NONE);
  }

  /** A drawing whose edges carry the gradients of the source's backward pass, with a note saying so. */
  private static Drawing withBackward(Graph graph, DrawingOptions options, Graph collapsed, List<Node> gradientLegend) {
    var pass = BackwardLabels.pass(graph, collapsed);
    List<Node> legend = new ArrayList<>(gradientLegend);
    legend.add(BackwardLabels.note(pass));
    Graph shown = withNotes(collapsed, legend).withBackward(pass);
    return new Drawing(graph, options, shown, legend, BackwardLabels.of(shown, pass), Marks.NONE);
  }

  /**
   * Draws the union of two graphs: every node and edge of either, marked by how it changed
   * ({@link Mark}): the same ones faded in their usual colours, added ones with a green border,
   * removed ones with a red dashed border, changed ones with an orange border and {@code old → new}
   * in their label; each module cluster's title followed by its counts of changes ({@code +38},
   * {@code −3}, {@code ~2}); a legend of the marks and the diff's summary. Nodes keep their module
   * paths, so modules are drawn as clusters whatever {@link DrawingOptions#clusters()} says;
   * {@link DrawingOptions#depth()} and {@link DrawingOptions#fold()} are not applied (a diff shows
   * the op graph). Node ids are those of the graph before, and {@code +} and the id after for
   * added nodes.
   *
   * <pre>{@code
   * Drawing drawing = Drawing.of(GraphDiff.of(before, after), DrawingOptions.defaults());
   * }</pre>
   *
   * @param diff the difference of two graphs
   * @param options the longest attribute value shown, and the collapsed depth a viewer opens with
   * @return the drawing
   */
  public static Drawing of(io.github.torchviz4j.diff.GraphDiff diff, DrawingOptions options) {
    Checks.notNull(diff, "graph diff");
    Checks.notNull(options, "drawing options");
    DiffUnion union = DiffUnion.of(diff, options.maxAttrChars());
    Graph shown = withNotes(union.graph(), union.legend());
    return new Drawing(union.graph(), options, shown, union.legend(), List.of(), union.marks());
  }

  /**
   * Draws a graph exactly as it is: no module collapsed, no legend added, clusters where its
   * nodes carry module paths.
   *
   * @param graph the graph
   * @param maxAttrChars attribute values longer than this are cut with {@code ...}
   * @return the drawing
   */
  public static Drawing asIs(Graph graph, int maxAttrChars) {
    Checks.notNull(graph, "graph");
    return new Drawing(graph, new DrawingOptions(0, true, 0, maxAttrChars), graph, List.of(), List.of(), Marks.NONE);
  }

  private static Graph withNotes(Graph graph, List<Node> notes) {
    List<Node> all = new ArrayList<>(graph.nodes().size() + notes.size());
    all.addAll(graph.nodes());
    all.addAll(notes);
    return new Graph(all, graph.edges(), graph.outputs(), graph.modules(), graph.unusedParameters());
  }

  /** @return the captured graph this drawing shows */
  public Graph source() {
    return source;
  }

  /** @return what this drawing shows */
  public DrawingOptions options() {
    return options;
  }

  /**
   * The nodes and edges drawn, as one graph for layout engines: the source's nodes after
   * collapsing, then the {@link #legend()} notes; the source's edges after collapsing. Not the
   * captured graph: only drawings hold {@link io.github.torchviz4j.graph.NodeKind#NOTE} nodes.
   *
   * @return the drawn graph
   */
  public Graph graph() {
    return shown;
  }

  /** @return torchviz's statements for the drawn graph: order, roles, labels and fills */
  public TorchvizStatements statements() {
    return statements;
  }

  /** @return the legend notes drawn beside the graph (gradient colour scale, unused parameters), in drawing order */
  public List<Node> legend() {
    return legend;
  }

  /**
   * The label of each drawn edge when the drawing shows a backward pass ({@link
   * DrawingOptions#backward()}): the gradient that flowed back along it, its values when it has at
   * most four elements and they were recorded, else {@code |grad| } and its L2 norm; empty text
   * for edges without one (saved tensors, views).
   *
   * @return one label per edge in {@link #edges()} order, or an empty list when no pass is shown
   */
  public List<String> edgeLabels() {
    return edgeLabels;
  }

  /**
   * The runs of identical sibling modules that {@link DrawingOptions#fold()} draws once, found in
   * the {@link #source()} graph, for a viewer that folds and unfolds them itself on an unfolded
   * drawing.
   *
   * @return outer runs first, then runs inside kept modules; empty when nothing repeats
   */
  public List<FoldGroup> foldGroups() {
    return ModuleFold.groups(source);
  }

  /** @return what the drawing marks on nodes and edges (a diff's), {@link Marks#NONE} for others */
  public Marks marks() {
    return statements.marks();
  }

  /** @return the edges drawn, in graph order */
  public List<Edge> edges() {
    return shown.edges();
  }

  /** @return the modules the drawn nodes name, sorted by path (the module tree) */
  public List<ModuleInfo> modules() {
    return shown.modules();
  }

  /** @return every drawn node, in graph order, legend notes last, with role, label lines, fill and cluster */
  public List<DrawnNode> nodes() {
    List<DrawnNode> result = nodes;
    if (result == null) {
      List<DrawnNode> made = new ArrayList<>(shown.nodes().size());
      for (Node node : shown.nodes()) {
        made.add(new DrawnNode(node, statements.role(node.id()),
            Arrays.asList(statements.label(node.id()).split("\n", -1)), statements.fill(node.id()),
            node.modulePath(), statements.mark(node.id())));
      }
      result = List.copyOf(made);
      nodes = result;
    }
    return result;
  }

  @Override
  public String toString() {
    return "Drawing[" + shown.nodes().size() + " nodes, " + shown.edges().size() + " edges, " + options + "]";
  }
}
