package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.Marks;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.EdgeLabel;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutCost;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.TextMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays graphs out with Eclipse ELK Layered: layers top to bottom, orthogonal edge routes, boxes
 * sized to their labels in the bundled font. Stateless and thread-safe; each call builds its own
 * ELK graph and runs ELK on its own large-stack thread.
 *
 * <p>In large graphs ({@link LayoutOptions#isLarge}) each run of nodes with one edge in and one edge
 * out ({@link ChainRuns}) goes to ELK as one column node and is stacked back afterwards: ELK's cost
 * grows with the nodes it places, and it would draw such a run as a straight column anyway. In any
 * graph, the edges of a node with many consumers run down one trunk ({@link Buses}); large graphs
 * and graphs with such trunks are placed in straight columns ({@link ElkOptions#straightColumns}).
 *
 * <p>Edges run downwards except in a cyclic graph, where ELK reverses the edges it needs to break
 * the cycles; autograd graphs are acyclic.
 *
 * <pre>{@code
 * Layout layout = new ElkLayoutEngine().layout(graph, LayoutOptions.defaults());
 * }</pre>
 */
public final class ElkLayoutEngine implements LayoutEngine {
  /** The shortest run of single-input, single-output nodes that large graphs lay out as one column. */
  static final int MIN_MERGED_RUN = 2;

  /** Creates the engine. */
  public ElkLayoutEngine() {
    // stateless
  }

  @Override
  public Layout layout(TorchvizStatements drawing, LayoutOptions options) {
    return layout(drawing, List.of(), options);
  }

  /**
   * Lays out a drawing, its edge labels ({@link Drawing#edgeLabels()}) included: ELK places each
   * label beside its edge and leaves room for it; a label of an edge ELK does not route (a run's
   * or a trunk's) goes beside the middle of the route.
   */
  @Override
  public Layout layout(Drawing drawing, LayoutOptions options) {
    Checks.notNull(drawing, "drawing");
    return layout(drawing.statements(), drawing.edgeLabels(), options);
  }

  private Layout layout(TorchvizStatements drawing, List<String> edgeLabels, LayoutOptions options) {
    Checks.notNull(drawing, "drawing");
    Checks.notNull(options, "layout options");
    Graph graph = drawing.graph();
    TextMetrics metrics = TextMetrics.defaults();
    List<LabeledNode> labeled = LabeledNode.of(drawing, metrics);
    return LargeStackThread.call("laying out " + graph.nodes().size() + " nodes with ELK",
        () -> run(graph, edgeLabels, options, metrics, labeled, drawing.marks()));
  }

  /**
   * Estimates what {@link #layout} would cost, in a few linear passes and without ELK: the nodes
   * ELK would place after runs become columns ({@link ChainRuns}) and fan-outs trunks ({@link
   * Buses}), fan-ins' edges left to side buses ({@link FanIns}), and the layers each remaining edge
   * crosses, with layers as ELK's longest-path layering gives them.
   *
   * @param graph the graph to be drawn (the drawing's graph)
   * @param options the layout options
   * @return the estimate
   */
  public LayoutCost cost(Graph graph, LayoutOptions options) {
    Checks.notNull(graph, "graph");
    Checks.notNull(options, "layout options");
    int size = graph.nodes().size();
    Adjacency adjacency = Adjacency.of(graph, positions(graph));
    Buses buses = Buses.find(adjacency, Buses.MIN_FAN_OUT);
    FanIns fanIns = FanIns.find(adjacency, buses);
    ChainRuns chains = ChainRuns.none(size);
    if (options.isLarge(size)) {
      // Only the containers' identity matters to the runs; clusters are ELK nodes without content.
      Clusters clusters = new Clusters(graph, ElkGraphUtil.createGraph(), options, TextMetrics.defaults(), size, Marks.NONE);
      chains = ChainRuns.find(adjacency, containers(graph, clusters), MIN_MERGED_RUN);
    }
    // One unit per ELK node: a run's members share theirs; junctions follow the graph's nodes.
    int[] unit = new int[size];
    int units = 0;
    int[] unitOfRun = new int[chains.runs().size()];
    Arrays.fill(unitOfRun, -1);
    for (int i = 0; i < size; i++) {
      int run = chains.runOf(i);
      if (run < 0) {
        unit[i] = units++;
      } else {
        if (unitOfRun[run] < 0) {
          unitOfRun[run] = units++;
        }
        unit[i] = unitOfRun[run];
      }
    }
    int[] tails = adjacency.tails;
    int[] heads = adjacency.heads;
    List<int[]> unitEdges = new ArrayList<>(tails.length);
    for (int i = 0; i < tails.length; i++) {
      if (!chains.inSameRun(tails[i], heads[i]) && !buses.carries(i) && !fanIns.bypasses(i)) {
        unitEdges.add(new int[] {unit[tails[i]], unit[heads[i]]});
      }
    }
    units = buses.addUnits(unit, units, heads, unitEdges);
    long bends = 0;
    int[] height = Adjacency.heights(units, unitEdges);
    for (int[] edge : unitEdges) {
      bends += Math.max(0, height[edge[0]] - height[edge[1]] - 1);
    }
    return new LayoutCost(size, units, bends);
  }

  /** Each node's position in graph order, by id: the index the adjacency and ELK's nodes share. */
  private static Map<String, Integer> positions(Graph graph) {
    Map<String, Integer> index = new HashMap<>(graph.nodes().size() * 2);
    for (var node : graph.nodes()) {
      index.put(node.id(), index.size());
    }
    return index;
  }

  /** The ELK node (root or module cluster) each graph node goes into, in graph order. */
  private static List<ElkNode> containers(Graph graph, Clusters clusters) {
    List<ElkNode> containers = new ArrayList<>(graph.nodes().size());
    for (var node : graph.nodes()) {
      containers.add(clusters.containerOf(node));
    }
    return containers;
  }

  private static Layout run(Graph graph, List<String> edgeLabels, LayoutOptions options, TextMetrics metrics,
      List<LabeledNode> labeled, Marks marks) {
    Adjacency adjacency = Adjacency.of(graph, positions(graph));
    Buses buses = Buses.find(adjacency, Buses.MIN_FAN_OUT);
    FanIns fanIns = FanIns.find(adjacency, buses);
    ElkNode root = ElkGraphUtil.createGraph();
    ElkOptions.apply(root, options, labeled.size());
    if (options.isLarge(labeled.size()) || !buses.isEmpty()) {
      ElkOptions.straightColumns(root);
    }
    Clusters clusters = new Clusters(graph, root, options, metrics, labeled.size(), marks);
    List<ElkNode> containers = containers(graph, clusters);
    ChainRuns chains = options.isLarge(labeled.size())
        ? ChainRuns.find(adjacency, containers, MIN_MERGED_RUN)
        : ChainRuns.none(labeled.size());
    NoteRow notes = NoteRow.of(graph, labeled, options);
    // ELK separates the layers of a chain by the layer spacing; never closer than an arrowhead needs.
    double gap = Math.max(options.layerSpacing(), ElkOptions.EDGE_NODE_BETWEEN_LAYERS);
    ElkNode[] elkNodes = createNodes(labeled, containers, chains, notes, gap);
    List<ElkEdge> elkEdges = new ArrayList<>(graph.edges().size());
    int[] tails = adjacency.tails;
    int[] heads = adjacency.heads;
    for (int i = 0; i < heads.length; i++) {
      boolean drawnByUs = chains.inSameRun(tails[i], heads[i]) || buses.carries(i) || fanIns.bypasses(i);
      elkEdges.add(drawnByUs ? null : createEdge(elkNodes[tails[i]], elkNodes[heads[i]], clusters));
    }
    EdgeLabels labels = EdgeLabels.attach(edgeLabels, elkEdges, metrics);
    buses.addTo(elkNodes, containers, heads, (tail, head) -> createEdge(tail, head, clusters));

    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    Point below = new Point(0, notes.shift());
    List<NodeLayout> nodes = placeNodes(labeled, elkNodes, chains, notes, below, gap, metrics);
    double width = Math.max(root.getWidth(), notes.width());
    List<List<Point>> sideRoutes = fanIns.isEmpty() ? List.of() : fanIns.routes(adjacency, nodes, width);
    List<EdgeLayout> edges = new ArrayList<>(elkEdges.size());
    for (int i = 0; i < elkEdges.size(); i++) {
      NodeLayout tail = nodes.get(tails[i]);
      NodeLayout head = nodes.get(heads[i]);
      ElkEdge elkEdge = elkEdges.get(i);
      List<Point> route;
      if (fanIns.bypasses(i)) {
        route = sideRoutes.get(i);
      } else if (buses.carries(i)) {
        route = orStraight(buses.route(i, part -> points(part, below)), tail, head);
      } else if (elkEdge == null) {
        route = straightDown(tail, head);
      } else {
        route = orStraight(points(elkEdge, below), tail, head);
      }
      edges.add(EdgeLayout.along(graph.edges().get(i), route).withMark(marks.edge(i)));
    }
    List<EdgeLabel> placedLabels = labels.place(edges, below, metrics);
    return new Layout(Math.max(fanIns.right(width), EdgeLabels.right(placedLabels)), root.getHeight() + below.y(),
        metrics.fontSize(), nodes, edges, clusters.layouts(below), placedLabels);
  }

  /**
   * One ELK node per graph node, except that the members of a run share one column node, as wide
   * as its widest member and as tall as its members stacked one gap apart.
   */
  private static ElkNode[] createNodes(List<LabeledNode> labeled, List<ElkNode> containers, ChainRuns chains,
      NoteRow notes, double gap) {
    ElkNode[] elkNodes = new ElkNode[labeled.size()];
    for (int i = 0; i < labeled.size(); i++) {
      if (chains.runOf(i) < 0 && !notes.contains(i)) {
        elkNodes[i] = ElkGraphUtil.createNode(containers.get(i));
        elkNodes[i].setDimensions(labeled.get(i).width(), labeled.get(i).height());
      }
    }
    for (int[] run : chains.runs()) {
      ElkNode column = ElkGraphUtil.createNode(containers.get(run[0]));
      double width = 0;
      for (int member : run) {
        width = Math.max(width, labeled.get(member).width());
        elkNodes[member] = column;
      }
      LabeledNode last = labeled.get(run[run.length - 1]);
      column.setDimensions(width, ChainRuns.offsets(run, labeled, gap)[run.length - 1] + last.height());
    }
    return elkNodes;
  }

  private static ElkEdge createEdge(ElkNode tail, ElkNode head, Clusters clusters) {
    ElkEdge edge = ElkGraphUtil.createEdge(clusters.isEmpty() ? tail.getParent() : null);
    edge.getSources().add(tail);
    edge.getTargets().add(head);
    if (!clusters.isEmpty()) {
      // Edges between clusters belong to the innermost cluster holding both ends.
      ElkGraphUtil.updateContainment(edge);
    }
    return edge;
  }

  /**
   * Places each note in its row, each other node where ELK put it, or a run's members centred in
   * their column, top to bottom; ELK's drawing moved by {@code offset}.
   */
  private static List<NodeLayout> placeNodes(List<LabeledNode> labeled, ElkNode[] elkNodes, ChainRuns chains,
      NoteRow notes, Point offset, double gap, TextMetrics metrics) {
    NodeLayout[] placed = new NodeLayout[labeled.size()];
    for (int i = 0; i < labeled.size(); i++) {
      if (notes.contains(i)) {
        placed[i] = notes.place(i, labeled.get(i), metrics);
      } else if (chains.runOf(i) < 0) {
        Point origin = Clusters.absolute(elkNodes[i]).plus(offset);
        placed[i] = labeled.get(i).placeAt(origin.x(), origin.y(), metrics);
      }
    }
    for (int[] run : chains.runs()) {
      ElkNode column = elkNodes[run[0]];
      Point origin = Clusters.absolute(column).plus(offset);
      double[] offsets = ChainRuns.offsets(run, labeled, gap);
      for (int k = 0; k < run.length; k++) {
        LabeledNode member = labeled.get(run[k]);
        double x = origin.x() + (column.getWidth() - member.width()) / 2;
        placed[run[k]] = member.placeAt(x, origin.y() + offsets[k], metrics);
      }
    }
    return Arrays.asList(placed);
  }

  /** The route between consecutive members of a run: straight down between their centres. */
  private static List<Point> straightDown(NodeLayout tail, NodeLayout head) {
    double x = tail.box().centerX();
    return List.of(new Point(x, tail.box().maxY()), new Point(x, head.box().y()));
  }

  /**
   * An ELK edge's sections as one polyline in absolute coordinates, repeated points dropped; ELK
   * gives them relative to the edge's containing node, whose drawing moved by {@code offset}.
   */
  private static List<Point> points(ElkEdge edge, Point offset) {
    Point origin = Clusters.absolute(edge.getContainingNode()).plus(offset);
    List<Point> points = new ArrayList<>();
    for (ElkEdgeSection section : edge.getSections()) {
      add(points, new Point(origin.x() + section.getStartX(), origin.y() + section.getStartY()));
      for (ElkBendPoint bend : section.getBendPoints()) {
        add(points, new Point(origin.x() + bend.getX(), origin.y() + bend.getY()));
      }
      add(points, new Point(origin.x() + section.getEndX(), origin.y() + section.getEndY()));
    }
    return points;
  }

  /** ELK routes every edge; should one come back empty, draw it straight rather than fail. */
  private static List<Point> orStraight(List<Point> route, NodeLayout tail, NodeLayout head) {
    return route.size() >= 2 ? route
        : List.of(new Point(tail.box().centerX(), tail.box().maxY()), new Point(head.box().centerX(), head.box().y()));
  }

  private static void add(List<Point> points, Point point) {
    if (points.isEmpty() || !points.get(points.size() - 1).equals(point)) {
      points.add(point);
    }
  }
}
