package io.github.torchviz4j.drawing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.drawing.Statement.EdgeStatement;
import io.github.torchviz4j.drawing.Statement.NodeStatement;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorchvizStatementsTest {

  @Test
  void repeatedInputGivesRepeatedEdgeButOneExpansion() {
    // y = a * a: MulBackward0 has the same input twice.
    Graph graph = new Graph(
        List.of(Node.tensor("y", "", List.of(2L)), Node.function("mul", "MulBackward0"),
            Node.function("acc", "AccumulateGrad"), Node.tensor("a", "a", List.of(2L))),
        List.of(new Edge("acc", "mul", EdgeKind.INPUT), new Edge("acc", "mul", EdgeKind.INPUT),
            new Edge("a", "acc", EdgeKind.LEAF), new Edge("mul", "y", EdgeKind.OUTPUT)),
        List.of("y"));

    assertThat(render(TorchvizStatements.of(graph))).containsExactly(
        "y OUTPUT", "mul FUNCTION", "acc->mul", "a LEAF", "a->acc", "acc FUNCTION", "acc->mul", "mul->y");
  }

  @Test
  void leafGivenAsOutputIsRedeclaredBlueAndLastDeclarationWins() {
    // make_dot((w, w * 2)): w is first drawn green, then blue when its AccumulateGrad is reached.
    Graph graph = new Graph(
        List.of(Node.tensor("w", "w", List.of(3L)), Node.tensor("y", "", List.of(3L)),
            Node.function("mul", "MulBackward0"), Node.function("acc", "AccumulateGrad")),
        List.of(new Edge("w", "acc", EdgeKind.LEAF), new Edge("acc", "mul", EdgeKind.INPUT),
            new Edge("mul", "y", EdgeKind.OUTPUT)),
        List.of("w", "y"));

    TorchvizStatements statements = TorchvizStatements.of(graph);

    assertThat(render(statements)).containsExactly(
        "w OUTPUT", "y OUTPUT", "mul FUNCTION", "acc->mul", "w LEAF", "w->acc", "acc FUNCTION", "mul->y");
    assertThat(statements.role("w")).isEqualTo(Role.LEAF);
    assertThat(statements.label("w")).isEqualTo("w\n (3)");
  }

  @Test
  void hundredThousandNodeChainNeedsNoDeepStack() {
    List<Node> nodes = new ArrayList<>(List.of(Node.tensor("out", "", List.of())));
    List<Edge> edges = new ArrayList<>();
    int length = 100_000;
    for (int i = 0; i < length; i++) {
      nodes.add(Node.function("f" + i, "TanhBackward0"));
      if (i > 0) {
        edges.add(new Edge("f" + i, "f" + (i - 1), EdgeKind.INPUT));
      }
    }
    edges.add(new Edge("f0", "out", EdgeKind.OUTPUT));

    List<Statement> statements = TorchvizStatements.of(new Graph(nodes, edges, List.of("out"))).statements();

    assertThat(statements).hasSize(nodes.size() + edges.size());
    assertThat(statements.get(statements.size() - 1)).isEqualTo(new EdgeStatement(edges.get(edges.size() - 1)));
  }

  @Test
  void nodesAndEdgesTheWalkCannotReachStillAppear() {
    Graph graph = new Graph(
        List.of(Node.tensor("y", "", List.of()), Node.function("loose", "SumBackward0"),
            Node.tensor("other", "", List.of(1L))),
        List.of(new Edge("other", "loose", EdgeKind.INPUT)),
        List.of("y"));

    assertThat(render(TorchvizStatements.of(graph)))
        .containsExactly("y OUTPUT", "loose FUNCTION", "other LEAF", "other->loose");
  }

  @Test
  void graphRejectsDuplicateIdsAndDanglingEdges() {
    assertThatThrownBy(() -> new Graph(
        List.of(Node.tensor("a", "", List.of()), Node.function("a", "X")), List.of(), List.of()))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("duplicate node id 'a'");
    assertThatThrownBy(() -> new Graph(
        List.of(Node.tensor("a", "", List.of())), List.of(new Edge("a", "b", EdgeKind.INPUT)), List.of()))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("'b'");
    assertThatThrownBy(() -> new Graph(
        List.of(Node.function("f", "X")), List.of(), List.of("f")))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("tensor");
  }

  @Test
  void labelsFollowTorchvizShapeFormat() {
    assertThat(Node.tensor("a", "layer1.weight", List.of(1L, 2L)).label()).isEqualTo("layer1.weight\n (1, 2)");
    assertThat(Node.tensor("a", "", List.of(16L)).label()).isEqualTo("\n (16)");
    assertThat(Node.tensor("a", "", List.of()).label()).isEqualTo("\n ()");
    assertThat(Node.function("f", "AddmmBackward0").label()).isEqualTo("AddmmBackward0");
  }

  private static List<String> render(TorchvizStatements statements) {
    return statements.statements().stream()
        .map(s -> s instanceof NodeStatement n
            ? n.node().id() + " " + n.role()
            : ((EdgeStatement) s).edge().tail() + "->" + ((EdgeStatement) s).edge().head())
        .toList();
  }
}
