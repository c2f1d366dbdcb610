package io.github.torchviz4j.layout.elk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.TensorData;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.SampleGraphs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ElkLayoutEngineTest {
  private static final double TOLERANCE = 1e-6;
  private final ElkLayoutEngine engine = new ElkLayoutEngine();

  static Stream<Arguments> graphs() {
    return Stream.of(
        Arguments.of("seed", SampleGraphs.seed()),
        Arguments.of("special", SampleGraphs.special()),
        Arguments.of("mlp", SampleGraphs.mlp(4)),
        Arguments.of("chain", SampleGraphs.chain(2_000)),
        // 1,052 nodes: large, so runs (weight -> AccumulateGrad -> TBackward0) become columns.
        Arguments.of("large mlp", SampleGraphs.mlp(150)),
        // One weight feeding 40 steps: its edges run down one trunk.
        Arguments.of("shared weight", SampleGraphs.sharedWeight(40)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void everyNodeIsPlacedOnceWithItsTorchvizLabelAndRole(String name, Graph graph) {
    Layout layout = engine.layout(graph, LayoutOptions.defaults());
    TorchvizStatements statements = TorchvizStatements.of(graph);
    assertThat(layout.nodes()).extracting(NodeLayout::node).containsExactlyElementsOf(graph.nodes());
    for (NodeLayout node : layout.nodes()) {
      assertThat(node.role()).isEqualTo(statements.role(node.node().id()));
      assertThat(node.lines()).extracting(line -> line.text())
          .containsExactly(statements.label(node.node().id()).split("\n", -1));
      assertThat(node.box().x()).isGreaterThanOrEqualTo(0);
      assertThat(node.box().y()).isGreaterThanOrEqualTo(0);
      assertThat(node.box().maxX()).isLessThanOrEqualTo(layout.width());
      assertThat(node.box().maxY()).isLessThanOrEqualTo(layout.height());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void boxesDoNotOverlap(String name, Graph graph) {
    List<Box> boxes = engine.layout(graph, LayoutOptions.defaults()).nodes().stream()
        .map(NodeLayout::box).sorted(Comparator.comparingDouble(Box::y)).toList();
    // Sweep by top edge: only boxes starting above another's bottom can overlap it.
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size() && boxes.get(j).y() < boxes.get(i).maxY(); j++) {
        assertThat(boxes.get(i).overlaps(boxes.get(j))).as("%s overlaps %s", boxes.get(i), boxes.get(j)).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void edgesRunDownFromTheTailsBottomToTheHeadsTop(String name, Graph graph) {
    Layout layout = engine.layout(graph, LayoutOptions.defaults());
    Map<String, Box> boxes = new HashMap<>();
    layout.nodes().forEach(node -> boxes.put(node.node().id(), node.box()));
    assertThat(layout.edges()).extracting(EdgeLayout::edge).containsExactlyElementsOf(graph.edges());
    for (EdgeLayout edge : layout.edges()) {
      Box tail = boxes.get(edge.edge().tail());
      Box head = boxes.get(edge.edge().head());
      Point start = edge.path().get(0);
      Point end = edge.end();
      assertThat(tail.onBorder(start, TOLERANCE)).as("%s starts on %s", edge, tail).isTrue();
      assertThat(head.onBorder(end, TOLERANCE)).as("%s ends on %s", edge, head).isTrue();
      assertThat(start.y()).as("leaves the bottom of its tail").isCloseTo(tail.maxY(), within(TOLERANCE));
      assertThat(end.y()).as("enters the top of its head").isCloseTo(head.y(), within(TOLERANCE));
      assertThat(tail.maxY()).as("tail above head").isLessThanOrEqualTo(head.y());
      assertOrthogonal(edge);
    }
  }

  private static void assertOrthogonal(EdgeLayout edge) {
    List<Point> points = new ArrayList<>(edge.path());
    points.add(edge.end());
    for (int i = 1; i < points.size(); i++) {
      Point a = points.get(i - 1);
      Point b = points.get(i);
      assertThat(Math.abs(a.x() - b.x()) < TOLERANCE || Math.abs(a.y() - b.y()) < TOLERANCE)
          .as("segment %s-%s of %s is horizontal or vertical", a, b, edge.edge()).isTrue();
    }
  }

  @Test
  void theLayoutIsDeterministic() {
    Graph graph = SampleGraphs.mlp(4);
    assertThat(engine.layout(graph, LayoutOptions.defaults())).isEqualTo(engine.layout(graph, LayoutOptions.defaults()));
  }

  @Test
  void layersAreSeparatedByTheLayerSpacing() {
    Layout layout = engine.layout(SampleGraphs.chain(5), LayoutOptions.builder().layerSpacing(50).build());
    List<Box> boxes = layout.nodes().stream().map(NodeLayout::box)
        .sorted(Comparator.comparingDouble(Box::y)).toList();
    for (int i = 1; i < boxes.size(); i++) {
      assertThat(boxes.get(i).y() - boxes.get(i - 1).maxY()).isCloseTo(50, within(TOLERANCE));
    }
    assertThat(boxes.get(0).y()).isEqualTo(LayoutOptions.defaults().margin());
  }

  @Test
  void aLargeGraphsRunsAreDrawnAsElkDrawsThemNodeByNode() {
    // The chain's boxes alternate in width; laid out as one column (large graph) or node by node
    // (threshold raised above its size), every box and route must come out the same.
    Graph chain = SampleGraphs.chain(1_200);
    Layout merged = engine.layout(chain, LayoutOptions.defaults());
    Layout nodeByNode = engine.layout(chain, LayoutOptions.builder().largeGraphNodes(1_201).build());
    assertThat(merged.width()).isCloseTo(nodeByNode.width(), within(TOLERANCE));
    assertThat(merged.height()).isCloseTo(nodeByNode.height(), within(TOLERANCE));
    for (int i = 0; i < chain.nodes().size(); i++) {
      Box expected = nodeByNode.nodes().get(i).box();
      Box actual = merged.nodes().get(i).box();
      assertThat(actual.x()).as("x of node %d", i).isCloseTo(expected.x(), within(TOLERANCE));
      assertThat(actual.y()).as("y of node %d", i).isCloseTo(expected.y(), within(TOLERANCE));
    }
    for (int i = 0; i < chain.edges().size(); i++) {
      assertThat(merged.edges().get(i).path()).as("edge %d", i).isEqualTo(nodeByNode.edges().get(i).path());
    }
  }

  @Test
  void aParameterNextToATallColumnStaysNextToItsConsumer() {
    // A 40-node chain and a weight -> AccumulateGrad both feed one Mul. Node by node, longest-path
    // layering puts the weight just above the Mul; as runs, the weight and its AccumulateGrad form
    // one column, which must still end just above the Mul rather than at the chain's top.
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.function("mul", "MulBackward0"));
    nodes.add(Node.tensor("w", "weight", List.of(3L)));
    nodes.add(Node.function("acc", "AccumulateGrad"));
    edges.add(new Edge("w", "acc", EdgeKind.LEAF));
    edges.add(new Edge("acc", "mul", EdgeKind.INPUT));
    for (int i = 0; i < 40; i++) {
      nodes.add(Node.function("c" + i, "TanhBackward0"));
      edges.add(new Edge("c" + i, i == 39 ? "mul" : "c" + (i + 1), EdgeKind.INPUT));
    }
    Layout layout = engine.layout(new Graph(nodes, edges, List.of()), LayoutOptions.builder().largeGraphNodes(0).build());
    Map<String, Box> boxes = new HashMap<>();
    layout.nodes().forEach(node -> boxes.put(node.node().id(), node.box()));
    double layerGap = boxes.get("c1").y() - boxes.get("c0").maxY();
    assertThat(boxes.get("mul").y() - boxes.get("acc").maxY()).isCloseTo(layerGap, within(TOLERANCE));
    assertThat(boxes.get("acc").y() - boxes.get("w").maxY()).isCloseTo(layerGap, within(TOLERANCE));
  }

  @Test
  void notesWithoutEdgesFormARowAboveTheDrawingInGraphOrder() {
    // A colour scale of five swatches, as the gradient legend adds it: ELK would pack these
    // separate components in an order of its own.
    Graph seed = SampleGraphs.seed();
    List<Node> nodes = new ArrayList<>(seed.nodes());
    for (int i = 0; i < 5; i++) {
      nodes.add(new Node("legend:" + i, NodeKind.NOTE, "|grad| 1e-" + (5 - i), List.of(), List.of(), "", -1,
          TensorData.NONE));
    }
    Layout layout = engine.layout(seed.withNodes(nodes, seed.modules()), LayoutOptions.defaults());

    List<Box> notes = layout.nodes().stream().filter(n -> n.node().kind() == NodeKind.NOTE).map(NodeLayout::box).toList();
    double rowBottom = notes.stream().mapToDouble(Box::maxY).max().orElseThrow();
    for (int i = 0; i < notes.size(); i++) {
      assertThat(notes.get(i).y()).isEqualTo(LayoutOptions.defaults().margin());
      if (i > 0) {
        assertThat(notes.get(i).x()).isCloseTo(notes.get(i - 1).maxX() + LayoutOptions.defaults().nodeSpacing(),
            within(TOLERANCE));
      }
    }
    assertThat(layout.nodes().stream().filter(n -> n.node().kind() != NodeKind.NOTE))
        .allSatisfy(n -> assertThat(n.box().y()).isGreaterThanOrEqualTo(rowBottom + LayoutOptions.defaults().layerSpacing()));
    assertThat(layout.edges()).allSatisfy(e -> assertThat(e.path().get(0).y()).isGreaterThan(rowBottom));
    assertThat(layout.width()).isGreaterThanOrEqualTo(notes.get(4).maxX());
  }

  @Test
  void aWeightSharedByEveryStepIsOneTrunkWithABranchPerStep() {
    Layout layout = engine.layout(SampleGraphs.sharedWeight(40), LayoutOptions.defaults());
    List<EdgeLayout> fromWeight = layout.edges().stream().filter(e -> e.edge().tail().equals("acc")).toList();
    assertThat(fromWeight).hasSize(40);
    // All leave the AccumulateGrad at one point (ELK gives separate edges a port each), and each
    // step follows the trunk at least as far as the step before it leaves it.
    assertThat(fromWeight).extracting(e -> e.path().get(0)).containsOnly(fromWeight.get(0).path().get(0));
    for (int i = 2; i < fromWeight.size(); i++) {
      List<Point> earlier = fromWeight.get(i - 1).path();
      assertThat(commonPrefix(earlier, fromWeight.get(i).path()))
          .as("points step %d shares with step %d", i - 1, i).isGreaterThanOrEqualTo(earlier.size() - 3);
    }
  }

  private static int commonPrefix(List<Point> a, List<Point> b) {
    int n = 0;
    while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
      n++;
    }
    return n;
  }

  @Test
  void aWeightWithMoreConsumersThanOneTrunkServesGetsSeveralSharingThemEvenlySoRoutesStayShort() {
    // Every route runs down its trunk from the top: one trunk for all steps would make the last
    // step's route, and the drawing, grow with the square of the steps. Each further trunk runs
    // from the top down to its first stop, so the consumers are shared evenly: three trunks of
    // 200, 200 and 201 rather than 300, 300 and 1.
    int steps = 2 * Buses.MAX_STOPS + 1;
    Layout layout = engine.layout(SampleGraphs.sharedWeight(steps), LayoutOptions.defaults());
    List<EdgeLayout> fromWeight = layout.edges().stream().filter(e -> e.edge().tail().equals("acc")).toList();
    assertThat(trunkShares(fromWeight)).containsExactly(steps / 3, steps / 3, steps / 3 + 1);
    assertThat(fromWeight).allSatisfy(e -> assertThat(e.path().size()).isLessThan(6 * (steps / 3 + 1)));
  }

  @Test
  void aWeightFeedingEveryStepOfAThreeHundredStepRnnRunsDownOneTrunk() {
    // A second trunk would run beside the first from the top down to its first stop: ELK would
    // route it through a dummy node in each of those layers (a 300-step RNN with 100 stops a trunk
    // had 3,600 such dummies, two fifths of what ELK placed).
    Layout layout = engine.layout(SampleGraphs.sharedWeight(300), LayoutOptions.defaults());
    List<EdgeLayout> fromWeight = layout.edges().stream().filter(e -> e.edge().tail().equals("acc")).toList();
    assertThat(trunkShares(fromWeight)).containsExactly(300);
  }

  /**
   * How many consecutive steps (edges in step order) share each trunk: a step follows the route of
   * the step before it almost to its end when both run down one trunk, and leaves the tail
   * another way when it starts a new trunk.
   */
  private static List<Integer> trunkShares(List<EdgeLayout> steps) {
    List<Integer> shares = new ArrayList<>(List.of(1));
    for (int i = 1; i < steps.size(); i++) {
      List<Point> earlier = steps.get(i - 1).path();
      if (commonPrefix(earlier, steps.get(i).path()) >= earlier.size() - 3) {
        shares.set(shares.size() - 1, shares.get(shares.size() - 1) + 1);
      } else {
        shares.add(1);
      }
    }
    return shares;
  }

  @Test
  void aLongUnrolledRnnStaysOneColumnWide() {
    // Brandes-Koepf placement drifted sideways per step: 300 steps of an RNN were 40,000 pt wide.
    Layout layout = engine.layout(SampleGraphs.sharedWeight(300), LayoutOptions.defaults());
    double widest = layout.nodes().stream().mapToDouble(n -> n.box().width()).max().orElseThrow();
    assertThat(layout.width()).isLessThan(6 * widest);
  }

  @Test
  void aTwentyThousandNodeChainDoesNotOverflowTheStack() {
    Layout layout = engine.layout(SampleGraphs.chain(20_000), LayoutOptions.defaults());
    assertThat(layout.nodes()).hasSize(20_000);
    assertThat(layout.height()).isGreaterThan(20_000 * 19.0);
  }

  @Test
  void anEmptyGraphHasJustItsMargins() {
    Layout layout = engine.layout(new Graph(List.of(), List.of(), List.of()), LayoutOptions.defaults());
    assertThat(layout.nodes()).isEmpty();
    assertThat(layout.width()).isLessThanOrEqualTo(2 * LayoutOptions.defaults().margin());
  }

  @Test
  void largeGraphsTradeThoroughnessForSpeed() {
    ElkNode small = ElkGraphUtil.createGraph();
    ElkOptions.apply(small, LayoutOptions.defaults(), 999);
    ElkNode large = ElkGraphUtil.createGraph();
    ElkOptions.apply(large, LayoutOptions.defaults(), 1000);
    assertThat(small.getProperty(LayeredOptions.DIRECTION)).isEqualTo(Direction.DOWN);
    assertThat(small.getProperty(LayeredOptions.EDGE_ROUTING)).isEqualTo(EdgeRouting.ORTHOGONAL);
    assertThat(small.getProperty(LayeredOptions.THOROUGHNESS)).isEqualTo(7);
    assertThat(small.getProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY)).isEqualTo(OrderingStrategy.NONE);
    assertThat(small.getProperty(LayeredOptions.LAYERING_STRATEGY)).isEqualTo(LayeringStrategy.NETWORK_SIMPLEX);
    assertThat(large.getProperty(LayeredOptions.THOROUGHNESS)).isEqualTo(1);
    assertThat(large.getProperty(LayeredOptions.LAYERING_STRATEGY)).isEqualTo(LayeringStrategy.LONGEST_PATH);
    assertThat(large.getProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY)).isEqualTo(OrderingStrategy.NONE);
  }
}
