package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.layout.Point;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * The edges of a node with many consumers (a weight an unrolled RNN uses at every step), drawn as
 * one trunk with a branch down to each consumer, as Graphviz's {@code concentrate=true} merges
 * edges. ELK routes a long edge through a dummy node in every layer it crosses: 200 edges from one
 * weight down a 600-layer RNN made 100,000 dummies, 5 s of layout and a picture 30,000 pt wide.
 * Here ELK sees a chain of tiny junctions instead, one just above each consumer, and each edge is
 * drawn along the chain to its junction, then down into its consumer. Single use.
 */
final class Buses {
  /** The fewest edges out of one node that are drawn as a bus. */
  static final int MIN_FAN_OUT = 8;

  /**
   * The most consumers on one trunk; a node with more gets several trunks, as few as can serve
   * them, sharing its consumers evenly, each trunk serving the next ones down. Each edge is drawn
   * along its trunk from the top, so this bounds a route's length: one trunk for 5,000 consumers
   * would draw 12 million trunk segments. But every trunk after the first also runs from the top,
   * beside the ones before it, down to its first stop, and ELK routes that edge through a dummy
   * node in every layer it crosses, each of which ELK's node placement pays for in every
   * iteration. With 100 stops the 300-step stacked RNN's four weights drew three trunks each, and
   * ELK placed 8,985 nodes; with one trunk each it places 5,401, the picture is a quarter
   * narrower, and the layout with module clusters took 15-35% less time (without clusters about
   * as long: ELK's balancing happened to need more rounds). The price is routes three times as
   * long (507,000 points instead of 164,000). A 1,000-step RNN, four trunks of 250: 1.08 million
   * points instead of 435,000, and a fifth less CPU time for the layout.
   */
  static final int MAX_STOPS = 300;

  /**
   * A junction's height. It has no width, so the trunk leaves it where it came in and a route
   * down the trunk stays a few straight segments rather than one step per junction.
   */
  private static final double JUNCTION_HEIGHT = 2;

  /** Coordinates closer than this, in points, are one: far below what any picture shows. */
  private static final double SNAP = 0.01;

  /**
   * One node's edges along one trunk: {@code edges} sorted by how deep their heads lie;
   * {@code trunk[0]} runs from the tail to the first junction, {@code trunk[i]} from junction
   * {@code i - 1} to junction {@code i}, {@code branches[i]} from junction {@code i} to the head of
   * {@code edges[i]}.
   */
  private static final class Bus {
    final int tail;
    final int[] edges;
    final ElkEdge[] trunk;
    final ElkEdge[] branches;

    Bus(int tail, int[] edges) {
      this.tail = tail;
      this.edges = edges;
      this.trunk = new ElkEdge[edges.length];
      this.branches = new ElkEdge[edges.length];
    }
  }

  private final List<Bus> buses;
  private final Bus[] busOfEdge;
  private final int[] stopOfEdge;

  private Buses(List<Bus> buses, int edgeCount) {
    this.buses = buses;
    this.busOfEdge = new Bus[edgeCount];
    this.stopOfEdge = new int[edgeCount];
    for (Bus bus : buses) {
      for (int i = 0; i < bus.edges.length; i++) {
        busOfEdge[bus.edges[i]] = bus;
        stopOfEdge[bus.edges[i]] = i;
      }
    }
  }

  /**
   * Finds the nodes with at least {@code minFanOut} outgoing edges.
   *
   * @param adjacency the graph's edges
   * @param minFanOut the fewest edges that make a bus
   * @return the buses, not yet in ELK
   */
  static Buses find(Adjacency adjacency, int minFanOut) {
    int[] depth = null;
    List<Bus> buses = new ArrayList<>();
    for (int tail = 0; tail < adjacency.nodeCount(); tail++) {
      if (adjacency.outgoing(tail).length < minFanOut) {
        continue;
      }
      if (depth == null) {
        depth = depths(adjacency);
      }
      int[] byDepth = depth;
      int[] edges = Arrays.stream(adjacency.outgoing(tail)).boxed()
          .sorted(Comparator.comparingInt((Integer e) -> byDepth[adjacency.heads[e]]).thenComparingInt(e -> e))
          .mapToInt(Integer::intValue).toArray();
      // Even shares: 301 consumers make trunks of 150 and 151, so the second starts halfway down
      // rather than running beside the first almost to the bottom for one stop.
      int trunks = (edges.length + MAX_STOPS - 1) / MAX_STOPS;
      for (int t = 0; t < trunks; t++) {
        int from = (int) ((long) edges.length * t / trunks);
        int to = (int) ((long) edges.length * (t + 1) / trunks);
        buses.add(new Bus(tail, Arrays.copyOfRange(edges, from, to)));
      }
    }
    return new Buses(buses, adjacency.tails.length);
  }

  /**
   * Each node's longest distance to a sink, counted negative, so that sorting by it orders the
   * stops of a trunk top to bottom: the layers put each node as far down as its longest path to the
   * output allows. Nodes on a cycle (never in an autograd graph) come last.
   */
  private static int[] depths(Adjacency adjacency) {
    int size = adjacency.nodeCount();
    int[] unfinished = new int[size];
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < size; i++) {
      unfinished[i] = adjacency.outgoing(i).length;
      if (unfinished[i] == 0) {
        ready.add(i);
      }
    }
    int[] height = new int[size];
    while (!ready.isEmpty()) {
      int node = ready.poll();
      for (int edge : adjacency.incoming(node)) {
        int tail = adjacency.tails[edge];
        height[tail] = Math.max(height[tail], height[node] + 1);
        if (--unfinished[tail] == 0) {
          ready.add(tail);
        }
      }
    }
    int[] depth = new int[size];
    for (int i = 0; i < size; i++) {
      depth[i] = unfinished[i] > 0 ? Integer.MAX_VALUE : -height[i];
    }
    return depth;
  }

  /** @return whether no node has enough edges for a bus */
  boolean isEmpty() {
    return buses.isEmpty();
  }

  /**
   * @param edge an edge's index in graph order
   * @return whether the edge is drawn along a bus, so has no ELK edge of its own
   */
  boolean carries(int edge) {
    return busOfEdge[edge] != null;
  }

  /**
   * Adds each bus to the ELK graph: its junctions, in the tail's container, and the trunk and
   * branch edges.
   *
   * @param elkNodes the ELK node each graph node is drawn in
   * @param containers the container of each graph node
   * @param heads the head's index of each edge, in graph order
   * @param edges creates an ELK edge between two ELK nodes
   */
  void addTo(ElkNode[] elkNodes, List<ElkNode> containers, int[] heads,
      BiFunction<ElkNode, ElkNode, ElkEdge> edges) {
    for (Bus bus : buses) {
      ElkNode previous = elkNodes[bus.tail];
      for (int i = 0; i < bus.edges.length; i++) {
        ElkNode junction = ElkGraphUtil.createNode(containers.get(bus.tail));
        junction.setDimensions(0, JUNCTION_HEIGHT);
        bus.trunk[i] = edges.apply(previous, junction);
        bus.branches[i] = edges.apply(junction, elkNodes[heads[bus.edges[i]]]);
        previous = junction;
      }
    }
  }

  /**
   * Adds each bus to a count of ELK nodes, as {@link #addTo} adds it to ELK: a junction per
   * stop, the trunk edges between them and a branch from each junction to its consumer.
   *
   * @param unit the ELK node (unit) of each graph node
   * @param units the units so far
   * @param heads the head's index of each edge, in graph order
   * @param edges the ELK edges as {tail unit, head unit}; the buses' edges are added
   * @return the units with the junctions
   */
  int addUnits(int[] unit, int units, int[] heads, List<int[]> edges) {
    int count = units;
    for (Bus bus : buses) {
      int previous = unit[bus.tail];
      for (int edge : bus.edges) {
        int junction = count++;
        edges.add(new int[] {previous, junction});
        edges.add(new int[] {junction, unit[heads[edge]]});
        previous = junction;
      }
    }
    return count;
  }

  /**
   * The route of a bus edge after layout: down the trunk through every junction to its own, then
   * along its branch. Where a junction's way out starts beside its way in, a short horizontal step
   * keeps the route orthogonal.
   *
   * @param edge the edge's index in graph order
   * @param points an ELK edge's route in absolute coordinates
   * @return the route, from the tail's border to the head's
   */
  List<Point> route(int edge, Function<ElkEdge, List<Point>> points) {
    Bus bus = busOfEdge[edge];
    int stop = stopOfEdge[edge];
    List<Point> route = new ArrayList<>();
    for (int i = 0; i <= stop; i++) {
      join(route, points.apply(bus.trunk[i]));
    }
    join(route, points.apply(bus.branches[stop]));
    return route;
  }

  private static void join(List<Point> route, List<Point> next) {
    if (!route.isEmpty() && !next.isEmpty()) {
      Point end = route.get(route.size() - 1);
      Point start = next.get(0);
      if (Math.abs(end.x() - start.x()) >= SNAP) {
        add(route, new Point(end.x(), start.y()));
      }
    }
    for (Point point : next) {
      add(route, point);
    }
  }

  /**
   * Appends a point, merging it into the last segment when it only extends it. A coordinate within
   * {@link #SNAP} of the last point's is taken to be the same: ELK's ports on a junction without
   * width differ by rounding errors, which would leave segments a millionth of a point off vertical.
   */
  private static void add(List<Point> route, Point point) {
    int size = route.size();
    if (size > 0) {
      Point last = route.get(size - 1);
      double x = Math.abs(point.x() - last.x()) < SNAP ? last.x() : point.x();
      double y = Math.abs(point.y() - last.y()) < SNAP ? last.y() : point.y();
      point = new Point(x, y);
      if (last.equals(point)) {
        return;
      }
    }
    if (size >= 2 && collinear(route.get(size - 2), route.get(size - 1), point)) {
      route.set(size - 1, point);
      return;
    }
    route.add(point);
  }

  /** Whether b lies on the straight, axis-parallel way from a on to c. */
  private static boolean collinear(Point a, Point b, Point c) {
    boolean vertical = a.x() == b.x() && b.x() == c.x() && (b.y() - a.y()) * (c.y() - b.y()) >= 0;
    boolean horizontal = a.y() == b.y() && b.y() == c.y() && (b.x() - a.x()) * (c.x() - b.x()) >= 0;
    return vertical || horizontal;
  }
}
