package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.graph.Graph;
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
