package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.graph.Graph;
import java.util.List;
import java.util.Map;

/**
 * A graph's edges as node indices: each edge's tail and head, and each node's outgoing and
 * incoming edges, built once per layout for everything that walks the graph. Immutable by
 * convention: nothing writes the arrays after construction.
 */
final class Adjacency {
  /** Each edge's tail, as a node index in graph order. */
  final int[] tails;
  /** Each edge's head, as a node index in graph order. */
  final int[] heads;
  private final int[][] outgoing;
  private final int[][] incoming;

  private Adjacency(int[] tails, int[] heads, int[][] outgoing, int[][] incoming) {
    this.tails = tails;
    this.heads = heads;
    this.outgoing = outgoing;
    this.incoming = incoming;
  }

  /**
   * Indexes a graph's edges.
   *
   * @param graph the graph
   * @param index each node's index in graph order, by id
   * @return the adjacency
   */
  static Adjacency of(Graph graph, Map<String, Integer> index) {
    int edges = graph.edges().size();
    int[] tails = new int[edges];
    int[] heads = new int[edges];
    for (int e = 0; e < edges; e++) {
      tails[e] = index.get(graph.edges().get(e).tail());
      heads[e] = index.get(graph.edges().get(e).head());
    }
    int nodes = graph.nodes().size();
    return new Adjacency(tails, heads, byNode(tails, nodes), byNode(heads, nodes));
  }

  /** The edges at each node, in graph order, where {@code ends[e]} is the node edge e touches. */
  private static int[][] byNode(int[] ends, int nodes) {
    int[] counts = new int[nodes];
    for (int end : ends) {
      counts[end]++;
    }
    int[][] edges = new int[nodes][];
    for (int n = 0; n < nodes; n++) {
      edges[n] = new int[counts[n]];
      counts[n] = 0;
    }
    for (int e = 0; e < ends.length; e++) {
      edges[ends[e]][counts[ends[e]]++] = e;
    }
    return edges;
  }

  /**
   * Each node's longest path to a sink, in edges, as ELK's longest-path layering counts layers
   * from the bottom; nodes on a cycle (never in an autograd graph) get 0.
   *
   * @param nodes the number of nodes
   * @param edges each edge as {tail, head}
   * @return the heights
   */
  static int[] heights(int nodes, List<int[]> edges) {
    int[] outDegree = new int[nodes];
    int[] inDegree = new int[nodes];
    for (int[] edge : edges) {
      outDegree[edge[0]]++;
      inDegree[edge[1]]++;
    }
    int[][] tailsInto = new int[nodes][];
    for (int i = 0; i < nodes; i++) {
      tailsInto[i] = new int[inDegree[i]];
    }
    int[] filled = new int[nodes];
    for (int[] edge : edges) {
      tailsInto[edge[1]][filled[edge[1]]++] = edge[0];
    }
    int[] ready = new int[nodes];
    int end = 0;
    for (int i = 0; i < nodes; i++) {
      if (outDegree[i] == 0) {
        ready[end++] = i;
      }
    }
    int[] height = new int[nodes];
    for (int next = 0; next < end; next++) {
      int node = ready[next];
      for (int tail : tailsInto[node]) {
        height[tail] = Math.max(height[tail], height[node] + 1);
        if (--outDegree[tail] == 0) {
          ready[end++] = tail;
        }
      }
    }
    return height;
  }

  /** @return the number of nodes */
  int nodeCount() {
    return outgoing.length;
  }

  /**
   * @param node a node index
   * @return the edges leaving it, in graph order; not to be modified
   */
  int[] outgoing(int node) {
    return outgoing[node];
  }

  /**
   * @param node a node index
   * @return the edges entering it, in graph order; not to be modified
   */
  int[] incoming(int node) {
    return incoming[node];
  }
}
