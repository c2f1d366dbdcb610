package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes with many long incoming edges (an RNN whose every step's output is stacked: {@code
 * torch.stack(hs)}, one node with hundreds of inputs from all over the graph), and the side bus
 * their edges are drawn along. ELK would route each such edge through a dummy node in every layer
 * it crosses: a 300-step RNN gave it ~135,000 dummies, 9 s of layout, 95 s with module clusters.
 * So ELK gets only the edge from the input nearest the head (which keeps the head below its
 * inputs); the others are drawn after layout, as Graphviz's {@code concentrate} would merge them:
 * out of the input's right side (or, when a box is in the way, down into the gap below it), right
 * to a vertical bus beside the whole drawing, down the bus, and into the head's right side (or
 * from the gap above it). The bus lies right of every box, cluster and ELK route, and each
 * horizontal leg runs at a height no box reaches between the node and the bus, so no edge crosses
 * a box. Immutable once found; {@link #routes} is called once per layout.
 */
final class FanIns {
  /** The fewest incoming edges that make a fan-in. */
  static final int MIN_FAN_IN = 16;

  /**
   * The fewest layers a fan-in's bypassed edges cross in total: shorter edges (a CNN's
   * concatenation of a few branches) cost ELK little and are left to it.
   */
  static final int MIN_TOTAL_SPAN = 1_000;

  /** Space between the drawing and the first bus, and between buses. */
  static final double BUS_SPACING = 8;

  /** How far a leg keeps from the boxes it passes. */
  private static final double CLEARANCE = 4;

  /** For each edge, whether it is drawn along a bus; for each bus, its head and edges. */
  private final boolean[] bypassed;
  private final List<int[]> buses;
  private final int[] heads;

  private FanIns(boolean[] bypassed, List<int[]> buses, int[] heads) {
    this.bypassed = bypassed;
    this.buses = buses;
    this.heads = heads;
  }

  /**
   * Finds the fan-ins: nodes with at least {@link #MIN_FAN_IN} incoming edges that cross at least
   * {@link #MIN_TOTAL_SPAN} layers in all, layers counted as the longest path to a sink. Edges
   * already carried by a fan-out bus are left to it.
   *
   * @param adjacency the graph's edges
   * @param buses the fan-out buses
   * @return the fan-ins, each but its nearest input's edge bypassed
   */
  static FanIns find(Adjacency adjacency, Buses buses) {
    int edgeCount = adjacency.tails.length;
    boolean[] bypassed = new boolean[edgeCount];
    List<int[]> found = new ArrayList<>();
    List<Integer> headOf = new ArrayList<>();
    int[] height = null;
    for (int head = 0; head < adjacency.nodeCount(); head++) {
      int[] incoming = adjacency.incoming(head);
      if (incoming.length < MIN_FAN_IN) {
        continue;
      }
      if (height == null) {
        height = heights(adjacency);
      }
      int nearest = -1;
      long span = 0;
      int count = 0;
      for (int edge : incoming) {
        if (buses.carries(edge) || adjacency.tails[edge] == head) {
          continue;
        }
        count++;
        int tail = adjacency.tails[edge];
        span += Math.max(0, height[tail] - height[head] - 1);
        if (nearest < 0 || height[tail] < height[adjacency.tails[nearest]]) {
          nearest = edge;
        }
      }
      if (count < MIN_FAN_IN || span < MIN_TOTAL_SPAN) {
        continue;
      }
      List<Integer> edges = new ArrayList<>();
      for (int edge : incoming) {
        if (edge != nearest && !buses.carries(edge) && adjacency.tails[edge] != head) {
          edges.add(edge);
          bypassed[edge] = true;
        }
      }
      found.add(edges.stream().mapToInt(Integer::intValue).toArray());
      headOf.add(head);
    }
    return new FanIns(bypassed, found, headOf.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Each node's longest path to a sink, in edges; nodes on a cycle (never in autograd) get 0. */
  private static int[] heights(Adjacency adjacency) {
    int size = adjacency.nodeCount();
    int[] unfinished = new int[size];
    int[] ready = new int[size];
    int readyEnd = 0;
    for (int i = 0; i < size; i++) {
      unfinished[i] = adjacency.outgoing(i).length;
      if (unfinished[i] == 0) {
        ready[readyEnd++] = i;
      }
    }
    int[] height = new int[size];
    for (int next = 0; next < readyEnd; next++) {
      int node = ready[next];
      for (int edge : adjacency.incoming(node)) {
        int tail = adjacency.tails[edge];
        height[tail] = Math.max(height[tail], height[node] + 1);
        if (--unfinished[tail] == 0) {
          ready[readyEnd++] = tail;
        }
      }
    }
    return height;
  }

  /** @return whether there is no fan-in */
  boolean isEmpty() {
    return buses.isEmpty();
  }

  /**
   * @param edge an edge's index in graph order
   * @return whether the edge is drawn along a side bus, so has no ELK edge
   */
  boolean bypasses(int edge) {
    return bypassed[edge];
  }

  /**
   * @param right the rightmost x of the drawing without the buses
   * @return the rightmost x with them, one bus spacing beyond the last
   */
  double right(double right) {
    return buses.isEmpty() ? right : right + BUS_SPACING * (buses.size() + 1);
  }

  /** @return how many edges the buses carry */
  int bypassedCount() {
    int count = 0;
    for (int[] bus : buses) {
      count += bus.length;
    }
    return count;
  }

  /**
   * The routes of the bypassed edges, given where everything else was placed.
   *
   * @param adjacency the graph's edges
   * @param nodes every node's layout
   * @param right the rightmost x that any box, cluster or ELK route reaches
   * @return for each edge in graph order its route (from the tail's border to the head's) if it is
   *     bypassed, else null
   */
  List<List<Point>> routes(Adjacency adjacency, List<NodeLayout> nodes, double right) {
    List<List<Point>> routes = new ArrayList<>(java.util.Collections.nCopies(adjacency.tails.length, null));
    Box[] boxes = new Box[nodes.size()];
    for (int i = 0; i < boxes.length; i++) {
      boxes[i] = nodes.get(i).box();
    }
    Obstacles obstacles = new Obstacles(boxes);
    double busX = right;
    for (int b = 0; b < buses.size(); b++) {
      busX += BUS_SPACING;
      Box head = boxes[heads[b]];
      for (int edge : buses.get(b)) {
        Box tail = boxes[adjacency.tails[edge]];
        List<Point> route = new ArrayList<>(8);
        // Out of the tail: its right side at mid-height when nothing is between it and the bus,
        // else down into the first height below it that is free up to the bus.
        double outY = tail.centerY();
        if (obstacles.free(tail.maxX(), busX, outY, adjacency.tails[edge])) {
          route.add(new Point(tail.maxX(), outY));
        } else {
          outY = obstacles.freeBelow(tail.centerX(), busX, tail.maxY() + CLEARANCE, adjacency.tails[edge]);
          route.add(new Point(tail.centerX(), tail.maxY()));
          route.add(new Point(tail.centerX(), outY));
        }
        route.add(new Point(busX, outY));
        // Into the head: its right side, or from a free height above it.
        double inY = head.centerY();
        if (obstacles.free(head.maxX(), busX, inY, heads[b])) {
          route.add(new Point(busX, inY));
          route.add(new Point(head.maxX(), inY));
        } else {
          double x = head.maxX() - Math.min(head.width() / 4, 2 * BUS_SPACING);
          inY = obstacles.freeAbove(x, busX, head.y() - CLEARANCE, heads[b]);
          route.add(new Point(busX, inY));
          route.add(new Point(x, inY));
          route.add(new Point(x, head.y()));
        }
        routes.set(edge, route);
      }
    }
    return routes;
  }

  /** The boxes a horizontal leg must not cross. */
  private static final class Obstacles {
    private final Box[] boxes;

    Obstacles(Box[] boxes) {
      this.boxes = boxes;
    }

    /** Whether the horizontal from {@code x0} to {@code x1} at {@code y} misses every box but {@code own}. */
    boolean free(double x0, double x1, double y, int own) {
      return blocking(x0, x1, y, own) < 0;
    }

    /** The first box but {@code own} that the horizontal crosses (within the clearance), or -1. */
    private int blocking(double x0, double x1, double y, int own) {
      for (int i = 0; i < boxes.length; i++) {
        Box box = boxes[i];
        if (i != own && box.maxX() > x0 && box.x() < x1 && box.y() - CLEARANCE < y && box.maxY() + CLEARANCE > y) {
          return i;
        }
      }
      return -1;
    }

    /** The highest y from {@code y} down where the horizontal from x0 to x1 crosses no box. */
    double freeBelow(double x0, double x1, double y, int own) {
      double level = y;
      for (int box = blocking(x0, x1, level, own); box >= 0; box = blocking(x0, x1, level, own)) {
        level = boxes[box].maxY() + CLEARANCE;
      }
      return level;
    }

    /** The lowest y from {@code y} up where the horizontal from x0 to x1 crosses no box. */
    double freeAbove(double x0, double x1, double y, int own) {
      double level = y;
      for (int box = blocking(x0, x1, level, own); box >= 0; box = blocking(x0, x1, level, own)) {
        level = boxes[box].y() - CLEARANCE;
      }
      return level;
    }
  }
}
