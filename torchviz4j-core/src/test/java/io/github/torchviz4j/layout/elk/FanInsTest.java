package io.github.torchviz4j.layout.elk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node with hundreds of long incoming edges (an RNN whose every step's output is stacked) is laid
 * out with its edges along a side bus: every edge drawn between its own nodes' borders, no two boxes
 * overlapping, and no edge into the fan-in crossing a box on its way; with and without module
 * clusters.
 */
class FanInsTest {

  /**
   * An {@code nn.RNNCell} (module {@code cell}) run {@code steps} times, {@code h = tanh(x W_ih^T +
   * b_ih + h W_hh^T + b_hh)}, every step's {@code h} stacked and summed: as libtorch's autograd
   * gives it, each weight feeding every step.
   */
  static Graph stackedRnn(int steps) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    String[] params = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
    for (String param : params) {
      nodes.add(Node.tensor(param, "cell." + param, param.startsWith("weight") ? List.of(32L, 32L) : List.of(32L))
          .withModulePath("cell"));
      nodes.add(Node.function("acc_" + param, "AccumulateGrad").withModulePath("cell"));
      edges.add(new Edge(param, "acc_" + param, EdgeKind.LEAF));
    }
    nodes.add(Node.function("stack", "StackBackward0"));
    String previous = null;
    for (int t = 0; t < steps; t++) {
      String tih = "tih" + t;
      String thh = "thh" + t;
      String input = "addmm_ih" + t;
      String hidden = "addmm_hh" + t;
      String add = "add" + t;
      String tanh = "tanh" + t;
      for (String id : List.of(tih, thh)) {
        nodes.add(Node.function(id, "TBackward0").withModulePath("cell"));
      }
      nodes.add(Node.function(input, "AddmmBackward0").withModulePath("cell"));
      nodes.add(Node.function(hidden, "AddmmBackward0").withModulePath("cell"));
      nodes.add(Node.function(add, "AddBackward0").withModulePath("cell"));
      nodes.add(Node.function(tanh, "TanhBackward0").withModulePath("cell"));
      edges.add(new Edge("acc_weight_ih", tih, EdgeKind.INPUT));
      edges.add(new Edge("acc_weight_hh", thh, EdgeKind.INPUT));
      edges.add(new Edge("acc_bias_ih", input, EdgeKind.INPUT));
      edges.add(new Edge(tih, input, EdgeKind.INPUT));
      edges.add(new Edge("acc_bias_hh", hidden, EdgeKind.INPUT));
      if (previous != null) {
        edges.add(new Edge(previous, hidden, EdgeKind.INPUT));
      }
      edges.add(new Edge(thh, hidden, EdgeKind.INPUT));
      edges.add(new Edge(input, add, EdgeKind.INPUT));
      edges.add(new Edge(hidden, add, EdgeKind.INPUT));
      edges.add(new Edge(add, tanh, EdgeKind.INPUT));
      edges.add(new Edge(tanh, "stack", EdgeKind.INPUT));
      previous = tanh;
    }
    nodes.add(Node.function("sum", "SumBackward0"));
    edges.add(new Edge("stack", "sum", EdgeKind.INPUT));
    nodes.add(Node.tensor("output", "", List.of()));
    edges.add(new Edge("sum", "output", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("output"), List.of(new ModuleInfo("cell", "RNNCell")));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aStackedRnnDrawsEveryEdgeWithoutOverlaps(boolean clusters) {
    int steps = 300;
    Graph graph = stackedRnn(steps);
    Layout layout = Scene.of(graph, RenderOptions.defaults().withClusters(clusters)).layout(Format.SVG);

    Map<String, Box> boxes = new HashMap<>();
    for (NodeLayout node : layout.nodes()) {
      boxes.put(node.node().id(), node.box());
    }
    assertThat(boxes).hasSize(graph.nodes().size());
    assertThat(layout.edges()).hasSize(graph.edges().size());
    assertNoBoxesOverlap(new ArrayList<>(boxes.values()));

    int intoStack = 0;
    for (EdgeLayout edge : layout.edges()) {
      Box tail = boxes.get(edge.edge().tail());
      Box head = boxes.get(edge.edge().head());
      assertThat(tail.onBorder(edge.path().get(0), 0.5)).as("start of %s", edge.edge()).isTrue();
      assertThat(head.onBorder(edge.end(), 0.5)).as("end of %s", edge.edge()).isTrue();
      assertThat(edge.path().get(edge.path().size() - 1).x()).isLessThanOrEqualTo(layout.width());
      if (edge.edge().head().equals("stack")) {
        intoStack++;
        for (int i = 0; i + 1 < edge.path().size(); i++) {
          Point a = edge.path().get(i);
          Point b = edge.path().get(i + 1);
          if (!edge.edge().tail().equals("tanh" + (steps - 1))) {
            // The side bus's legs are horizontal or vertical (the nearest input's edge is ELK's).
            assertThat(a.x() == b.x() || a.y() == b.y()).as("orthogonal segment of %s", edge.edge()).isTrue();
          }
          for (Map.Entry<String, Box> other : boxes.entrySet()) {
            if (!other.getKey().equals(edge.edge().tail()) && !other.getKey().equals("stack")) {
              assertThat(crossesInterior(a, b, other.getValue()))
                  .as("%s crosses %s", edge.edge(), other.getKey()).isFalse();
            }
          }
        }
      }
    }
    assertThat(intoStack).isEqualTo(steps);
    // The buses lie inside the drawing.
    for (EdgeLayout edge : layout.edges()) {
      for (Point point : edge.path()) {
        assertThat(point.x()).isBetween(0.0, layout.width());
        assertThat(point.y()).isBetween(0.0, layout.height());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"15, false", "20, false", "30, true", "300, true"})
  void onlyManyLongInputsGoToASideBus(int steps, boolean bus) {
    // The edge from step t crosses 3 (steps - 1 - t) layers: 20 steps make 570 in all, too few to
    // cost ELK much; 30 steps 1,305; 15 inputs are too few whatever their length.
    Graph graph = stackedRnn(steps);
    Map<String, Integer> index = new HashMap<>();
    for (Node node : graph.nodes()) {
      index.put(node.id(), index.size());
    }
    Adjacency adjacency = Adjacency.of(graph, index);
    FanIns fanIns = FanIns.find(adjacency, Buses.find(adjacency, Buses.MIN_FAN_OUT));
    assertThat(fanIns.isEmpty()).isEqualTo(!bus);
    assertThat(fanIns.bypassedCount()).isEqualTo(bus ? steps - 1 : 0);
  }

  private static boolean crossesInterior(Point a, Point b, Box box) {
    double eps = 0.5;
    double minX = Math.min(a.x(), b.x());
    double maxX = Math.max(a.x(), b.x());
    double minY = Math.min(a.y(), b.y());
    double maxY = Math.max(a.y(), b.y());
    return maxX > box.x() + eps && minX < box.maxX() - eps && maxY > box.y() + eps && minY < box.maxY() - eps;
  }

  private static void assertNoBoxesOverlap(List<Box> boxes) {
    List<Box> sorted = new ArrayList<>(boxes);
    sorted.sort(Comparator.comparingDouble(Box::x));
    for (int i = 0; i < sorted.size(); i++) {
      Box a = sorted.get(i);
      for (int j = i + 1; j < sorted.size() && sorted.get(j).x() < a.maxX(); j++) {
        assertThat(a.overlaps(sorted.get(j))).as("%s overlaps %s", a, sorted.get(j)).isFalse();
      }
    }
  }
}
