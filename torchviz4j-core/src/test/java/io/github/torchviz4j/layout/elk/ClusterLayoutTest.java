package io.github.torchviz4j.layout.elk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.ClusterLayout;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.SampleGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Module clusters laid out by ELK's compound layout. */
class ClusterLayoutTest {
  private static final double TOLERANCE = 0.5;

  private final Graph graph = TestGraphs.twoLayersInBlock();
  private final Layout layout = new ElkLayoutEngine().layout(graph, LayoutOptions.defaults());
  private final Map<String, NodeLayout> nodes =
      layout.nodes().stream().collect(Collectors.toMap(n -> n.node().id(), Function.identity()));

  @Test
  void everyModuleLevelIsOneClusterOuterFirstLabelledWithClassAndParameters() {
    assertThat(layout.clusters()).extracting(ClusterLayout::path)
        .containsExactlyInAnyOrder("block", "block.act", "a", "b", "b.0");
    assertThat(layout.clusters().stream().map(ClusterLayout::path).toList().indexOf("block"))
        .isLessThan(layout.clusters().stream().map(ClusterLayout::path).toList().indexOf("block.act"));
    assertThat(cluster("a").label()).isEqualTo("a, 20 params");
    assertThat(cluster("block.act").label()).isEqualTo("block.act (ReLU)");
  }

  @Test
  void clustersHoldTheirNodesAndNestedClusters() {
    for (NodeLayout node : layout.nodes()) {
      String path = node.node().modulePath();
      if (!path.isEmpty()) {
        assertThat(contains(cluster(path).box(), node.box())).as("%s inside %s", node.node().id(), path).isTrue();
      }
    }
    assertThat(contains(cluster("block").box(), cluster("block.act").box())).isTrue();
    assertThat(nodes.get("y").box().overlaps(cluster("block").box())).isFalse();
  }

  @Test
  void edgesStillRunFromBorderToBorderAcrossClusters() {
    for (EdgeLayout edge : layout.edges()) {
      Box tail = nodes.get(edge.edge().tail()).box();
      Box head = nodes.get(edge.edge().head()).box();
      assertThat(tail.onBorder(edge.path().get(0), TOLERANCE)).as("start of %s", edge.edge()).isTrue();
      assertThat(head.onBorder(edge.end(), TOLERANCE)).as("end of %s", edge.edge()).isTrue();
    }
  }

  @Test
  void nodeBoxesDoNotOverlap() {
    List<Box> boxes = layout.nodes().stream().map(NodeLayout::box).toList();
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        assertThat(boxes.get(i).overlaps(boxes.get(j))).isFalse();
      }
    }
  }

  @Test
  void largeClusteredGraphsUseTheFastSettingsWithoutFailing() {
    // 1,500 functions in 50 layers of 30: above the large-graph threshold, where ELK's model-order
    // sorting used to throw inside compound nodes.
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("out", "", List.of()));
    for (int i = 0; i < 1_500; i++) {
      nodes.add(Node.function("f" + i, "TanhBackward0").withModulePath("layers." + (i / 30)));
      if (i > 0) {
        edges.add(new Edge("f" + (i - 1), "f" + i, EdgeKind.INPUT));
      }
    }
    edges.add(new Edge("f1499", "out", EdgeKind.OUTPUT));
    Graph big = new Graph(nodes, edges, List.of("out"));

    Layout large = new ElkLayoutEngine().layout(big, LayoutOptions.defaults());

    assertThat(large.clusters()).hasSize(51); // the container "layers" and its 50 layers
    assertThat(large.nodes()).hasSize(1_501);
    // Each layer's 30 functions are one run, laid out as one column inside its own cluster.
    Map<String, ClusterLayout> clusters =
        large.clusters().stream().collect(Collectors.toMap(ClusterLayout::path, Function.identity()));
    Map<String, Box> boxes = large.nodes().stream().collect(Collectors.toMap(n -> n.node().id(), NodeLayout::box));
    for (NodeLayout node : large.nodes()) {
      if (!node.node().modulePath().isEmpty()) {
        assertThat(contains(clusters.get(node.node().modulePath()).box(), node.box()))
            .as("%s inside its cluster", node.node().id()).isTrue();
      }
    }
    for (EdgeLayout edge : large.edges()) {
      assertThat(boxes.get(edge.edge().tail()).onBorder(edge.path().get(0), TOLERANCE)).isTrue();
      assertThat(boxes.get(edge.edge().head()).onBorder(edge.end(), TOLERANCE)).isTrue();
    }
  }

  @Test
  void anRnnInsideItsModuleStaysOneColumnWideToo() {
    // ELK lays a cluster out with the cluster's own settings, so it needs the straight columns too.
    Graph rnn = SampleGraphs.sharedWeight(300);
    Graph inModule = rnn.withNodes(rnn.nodes().stream()
        .map(n -> n.kind() == NodeKind.TENSOR && n.name().isEmpty() ? n : n.withModulePath("rnn")).toList(),
        List.of(new ModuleInfo("rnn", "RNN")));

    Layout laid = new ElkLayoutEngine().layout(inModule, LayoutOptions.defaults());

    assertThat(laid.clusters()).extracting(ClusterLayout::path).containsExactly("rnn");
    double widest = laid.nodes().stream().mapToDouble(n -> n.box().width()).max().orElseThrow();
    assertThat(laid.width()).isLessThan(6 * widest);
  }

  private ClusterLayout cluster(String path) {
    return layout.clusters().stream().filter(c -> c.path().equals(path)).findFirst().orElseThrow();
  }

  private static boolean contains(Box outer, Box inner) {
    return inner.x() >= outer.x() - TOLERANCE && inner.y() >= outer.y() - TOLERANCE
        && inner.maxX() <= outer.maxX() + TOLERANCE && inner.maxY() <= outer.maxY() + TOLERANCE;
  }
}
