package io.github.torchviz4j.drawing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.render.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drawing of a diff of small hand-made graphs: ids, marks, labels, module counts, legend. */
class DiffUnionTest {

  /** y = act(w · x) in module {@code block.layer} ({@link TestGraphs#oneLayer}). */
  private static Graph graph(String activation, long width, String prefix) {
    return TestGraphs.oneLayer("block.layer", activation, width, prefix);
  }

  /** The graph with one more function, {@code TanhBackward0} in {@code head}, before the output. */
  private static Graph withHead(Graph graph, String prefix) {
    List<Node> nodes = new ArrayList<>(graph.nodes());
    List<Edge> edges = new ArrayList<>(graph.edges());
    edges.removeIf(e -> e.kind() == EdgeKind.OUTPUT);
    nodes.add(new Node(prefix + "tanh", NodeKind.FUNCTION, "TanhBackward0", List.of(), List.of(), "head", 3));
    edges.add(new Edge(prefix + "act", prefix + "tanh", EdgeKind.INPUT, "", List.of(1L, 3L)));
    edges.add(new Edge(prefix + "tanh", prefix + "y", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of(prefix + "y"));
  }

  private static Drawing draw(Graph before, Graph after) {
    return Drawing.of(GraphDiff.of(before, after), DrawingOptions.defaults());
  }

  @Test
  void aChangedOpIsMarkedAndLabelledOldToNewAndTheRestIsFaded() {
    Drawing drawing = draw(graph("ReluBackward0", 3, "a"), graph("GeluBackward0", 3, "b"));

    assertThat(drawing.statements().mark("aact")).isEqualTo(Mark.CHANGED);
    assertThat(drawing.statements().label("aact")).isEqualTo("ReluBackward0 → GeluBackward0");
    assertThat(drawing.nodes()).filteredOn(n -> n.node().kind() != NodeKind.NOTE && !n.node().id().equals("aact"))
        .hasSize(4).allSatisfy(n -> {
          assertThat(n.mark()).isEqualTo(Mark.SAME);
          assertThat(n.fill()).isEqualTo(Mark.SAME.paint(n.role().rgb())).isNotEqualTo(n.role().rgb());
        });
    assertThat(drawing.nodes()).filteredOn(n -> n.node().id().equals("aact")).singleElement()
        .satisfies(n -> assertThat(n.fill()).isEqualTo(Role.FUNCTION.rgb()));
    assertThat(drawing.marks().clusterNote("block.layer")).isEqualTo("~1");
    assertThat(drawing.marks().clusterNote("block")).isEqualTo("~1");
    assertThat(ModuleTitles.of(drawing.graph(), drawing.marks()).title("block.layer")).endsWith("  ~1");
  }

  @Test
  void aChangedShapeIsLabelledOldToNewOnItsShapeLine() {
    Drawing drawing = draw(graph("ReluBackward0", 3, "a"), graph("ReluBackward0", 5, "b"));

    assertThat(drawing.statements().label("aw")).isEqualTo("block.layer.weight\n (2, 3) → (2, 5)");
    assertThat(drawing.statements().label("amm")).isEqualTo("MmBackward0\n input shape (2, 3) → (2, 5)");
    assertThat(drawing.statements().mark("aacc")).isEqualTo(Mark.SAME);
  }

  @Test
  void addedNodesTakeTheirIdAfterWithAPlusAndRemovedOnesAreMarked() {
    Drawing added = draw(graph("ReluBackward0", 3, "a"), withHead(graph("ReluBackward0", 3, "b"), "b"));
    Drawing removed = draw(withHead(graph("ReluBackward0", 3, "a"), "a"), graph("ReluBackward0", 3, "b"));

    assertThat(added.statements().mark("+btanh")).isEqualTo(Mark.ADDED);
    assertThat(added.graph().incoming("+btanh")).extracting(Edge::tail).containsExactly("aact");
    assertThat(added.marks().clusterNote("head")).isEqualTo("+1");
    assertThat(added.marks().clusterNote("block")).isEmpty();
    List<Edge> edges = added.edges();
    List<Mark> edgeMarks = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      edgeMarks.add(added.marks().edge(i));
    }
    assertThat(edgeMarks).containsExactly(Mark.SAME, Mark.SAME, Mark.SAME, Mark.REMOVED, Mark.ADDED, Mark.ADDED);
    assertThat(removed.statements().mark("atanh")).isEqualTo(Mark.REMOVED);
    assertThat(removed.marks().clusterNote("head")).isEqualTo("\u22121");
  }

  @Test
  void theLegendSummarisesAndShowsEachMarkOnce() {
    Drawing drawing = draw(graph("ReluBackward0", 3, "a"), withHead(graph("ReluBackward0", 3, "b"), "b"));

    assertThat(drawing.legend()).extracting(Node::name).containsExactly(
        "diff: added 1, removed 0, changed 0 nodes\nmodules added: head", "same in both\n(faded)", "added",
        "removed", "changed:\nold → new");
    assertThat(drawing.legend()).extracting(n -> drawing.statements().mark(n.id()))
        .containsExactly(Mark.NONE, Mark.SAME, Mark.ADDED, Mark.REMOVED, Mark.CHANGED);
  }

  @Test
  void theJsonGivesEveryNodeEdgeAndModuleItsDiff() {
    Drawing drawing = draw(graph("ReluBackward0", 3, "a"), withHead(graph("ReluBackward0", 3, "b"), "b"));

    String json = new JsonWriter().json(drawing.statements());

    assertThat(json).contains("\"id\":\"+btanh\"").contains("\"diff\":\"added\"").contains("\"diff\":\"removed\"")
        .contains("{\"path\":\"head\",\"className\":\"\",\"parameters\":0,\"diff\":\"+1\"}");
    long graphLines = json.lines().filter(line -> line.startsWith("{\"id\":\"a") || line.startsWith("{\"id\":\"+")
        || line.startsWith("{\"tail\"")).count();
    assertThat(json.lines().filter(line -> line.contains("\"diff\":")).count()).isGreaterThanOrEqualTo(graphLines);
  }

  @Test
  void anOrdinaryDrawingMarksNothing() {
    Drawing drawing = Drawing.of(graph("ReluBackward0", 3, "a"), DrawingOptions.defaults());

    assertThat(drawing.marks().isEmpty()).isTrue();
    assertThat(drawing.nodes()).allSatisfy(n -> assertThat(n.mark()).isEqualTo(Mark.NONE));
    assertThat(new JsonWriter().json(drawing.statements())).doesNotContain("\"diff\"");
  }
}
