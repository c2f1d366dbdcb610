package io.github.torchviz4j.layout.elk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The runs of a graph that ELK can lay out as one tall node: maximal paths whose nodes each have at
 * most one incoming and at most one outgoing edge, inside one container (cluster). So a run may
 * begin with a source (a parameter and its {@code AccumulateGrad}) and end with a sink, but nothing
 * joins or leaves it in the middle. ELK would draw such a path as a straight column with its boxes
 * centred one layer apart; given the column as one node, it only has to place the column. On a
 * 6,000-node chain that replaces ELK's ~15 µs per node by one node; taking the source into the run
 * keeps a parameter next to the op that uses it even when a tall column shares its layer.
 * Immutable.
 */
final class ChainRuns {
  private final List<int[]> runs;
  private final int[] runOf;

  private ChainRuns(List<int[]> runs, int[] runOf) {
    this.runs = runs;
    this.runOf = runOf;
  }

  /**
   * Finds the runs of at least {@code minLength} nodes.
   *
   * @param adjacency the graph's edges
   * @param containers for each node, in graph order, the container it is laid out in; a run never
   *     leaves its container
   * @param minLength the shortest run worth merging, at least 2
   * @return the runs
   */
  static ChainRuns find(Adjacency adjacency, List<?> containers, int minLength) {
    Links links = new Links(adjacency, containers);
    List<int[]> runs = new ArrayList<>();
    int[] runOf = new int[adjacency.nodeCount()];
    Arrays.fill(runOf, -1);
    for (int start = 0; start < runOf.length; start++) {
      // A run starts where its predecessor cannot join it, so a cycle of linear nodes has no start
      // and is left to ELK; autograd graphs have none.
      if (!links.linear[start] || links.continues(links.predecessor[start], start)) {
        continue;
      }
      int[] run = links.runFrom(start);
      if (run.length >= minLength) {
        for (int member : run) {
          runOf[member] = runs.size();
        }
        runs.add(run);
      }
    }
    return new ChainRuns(runs, runOf);
  }

  /** Who follows whom: degrees, the single successor and predecessor, and which nodes can join runs. */
  private static final class Links {
    final int[] outDegree;
    final int[] successor;
    final int[] predecessor;
    final boolean[] linear;
    final List<?> containers;

    Links(Adjacency adjacency, List<?> containers) {
      int size = adjacency.nodeCount();
      outDegree = new int[size];
      successor = new int[size];
      predecessor = new int[size];
      linear = new boolean[size];
      for (int i = 0; i < size; i++) {
        int[] out = adjacency.outgoing(i);
        int[] in = adjacency.incoming(i);
        outDegree[i] = out.length;
        successor[i] = out.length == 1 ? adjacency.heads[out[0]] : -1;
        predecessor[i] = in.length == 1 && adjacency.outgoing(adjacency.tails[in[0]]).length == 1
            ? adjacency.tails[in[0]] : -1;
        linear[i] = in.length <= 1 && out.length <= 1 && successor[i] != i;
      }
      this.containers = containers;
    }

    /** Whether {@code next} continues a run that has reached {@code node}. */
    boolean continues(int node, int next) {
      return node >= 0 && linear[node] && outDegree[node] == 1 && linear[next]
          && containers.get(node).equals(containers.get(next));
    }

    int[] runFrom(int start) {
      List<Integer> members = new ArrayList<>();
      for (int node = start; ; node = successor[node]) {
        members.add(node);
        if (!continues(node, successor[node])) {
          return members.stream().mapToInt(Integer::intValue).toArray();
        }
      }
    }
  }

  /**
   * No runs: every node laid out on its own.
   *
   * @param size the number of nodes
   * @return no runs
   */
  static ChainRuns none(int size) {
    int[] runOf = new int[size];
    Arrays.fill(runOf, -1);
    return new ChainRuns(List.of(), runOf);
  }

  /** @return the runs, each as node indices in graph order from first (top) to last */
  List<int[]> runs() {
    return runs;
  }

  /**
   * @param node a node's index in graph order
   * @return the index of the run holding it, or -1
   */
  int runOf(int node) {
    return runOf[node];
  }

  /**
   * Whether an edge joins two members of one run, which are always consecutive.
   *
   * @param tail the edge's tail index
   * @param head the edge's head index
   * @return true if ELK does not see the edge
   */
  boolean inSameRun(int tail, int head) {
    return runOf[tail] >= 0 && runOf[tail] == runOf[head];
  }

  /**
   * The vertical offset of each member's box from the top of its run's column.
   *
   * @param run a run
   * @param labeled the graph's nodes, sized
   * @param gap the space between consecutive boxes
   * @return offsets, one per member
   */
  static double[] offsets(int[] run, List<LabeledNode> labeled, double gap) {
    double[] offsets = new double[run.length];
    double y = 0;
    for (int i = 0; i < run.length; i++) {
      offsets[i] = y;
      y += labeled.get(run[i]).height() + gap;
    }
    return offsets;
  }
}
