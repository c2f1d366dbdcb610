package io.github.torchviz4j.render.dot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotWriterTest {

  @Test
  void seedGraphIsTorchvizReferenceByteForByte() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/refs/neuron/dot.canon.gv")) {
      String reference = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(new DotWriter().source(TestGraphs.neuron())).isEqualTo(reference);
    }
  }

  @ParameterizedTest
  @CsvSource({"7, 12", "80, 12", "81, 12.15", "82, 12.299999999999999", "100, 15.0",
      "243, 36.449999999999996", "656, 98.39999999999999", "12007, 1801.05"})
  void graphSizeIsPrintedAsPythonPrintsMax12AndPointFifteenTimesStatements(int statements, String size) {
    assertThat(DotWriter.graphSize(statements)).isEqualTo(size);
  }

  @Test
  void sizeGrowsWithTheNumberOfStatements() {
    String source = new DotWriter().source(chain(300));

    long bodyLines = source.lines().filter(l -> l.startsWith("\t")).count() - 2;
    assertThat(bodyLines).isEqualTo(603);
    assertThat(source).contains("\tgraph [size=\"90.45,90.45\"]\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "AddmmBackward0|AddmmBackward0",
      "_x1|_x1",
      "-1.5|-1.5",
      "layer1.weight|\"layer1.weight\"",
      "node|\"node\"",
      "Graph|\"Graph\"",
      "say \"hi\"|\"say \\\"hi\\\"\"",
      "back\\slash|\"back\\\\slash\"",
      "<b>bold</b>|\"<b>bold</b>\"",
      "重み|\"重み\""})
  void quotesLikePythonGraphvizButNeverPassesMarkupOrBackslashes(String identifier, String quoted) {
    assertThat(DotWriter.quote(identifier)).isEqualTo(quoted);
  }

  @Test
  void edgeStylesFollowTorchviz() {
    Graph graph = new Graph(
        List.of(Node.tensor("w", "w", List.of(4L, 6L)), Node.function("acc", "AccumulateGrad"),
            Node.function("t", "TBackward0"), Node.tensor("out", "", List.of(6L, 4L)),
            Node.tensor("saved", "", List.of(4L, 6L))),
        List.of(new Edge("w", "acc", EdgeKind.LEAF), new Edge("acc", "t", EdgeKind.INPUT),
            new Edge("t", "out", EdgeKind.OUTPUT), new Edge("w", "out", EdgeKind.VIEW),
            new Edge("t", "saved", EdgeKind.SAVED)),
        List.of("out"));

    assertThat(new DotWriter().source(graph))
        .contains("\tw -> out [style=dotted]\n", "\tt -> saved [dir=none]\n", "\tacc -> t\n",
            "\tsaved [label=\"\n (4, 6)\" fillcolor=orange]\n");
  }

  static Graph chain(int functions) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("out", "", List.of()));
    nodes.add(Node.tensor("x", "", List.of(16L)));
    nodes.add(Node.function("f0", "AccumulateGrad"));
    edges.add(new Edge("x", "f0", EdgeKind.LEAF));
    for (int i = 1; i < functions; i++) {
      nodes.add(Node.function("f" + i, "TanhBackward0"));
      edges.add(new Edge("f" + (i - 1), "f" + i, EdgeKind.INPUT));
    }
    edges.add(new Edge("f" + (functions - 1), "out", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("out"));
  }

  @Test
  void modulesBecomeNestedDashedClustersAfterTorchvizStatementsOnlyWhenAsked() throws IOException {
    Graph graph = TestGraphs.twoLayersInBlock();
    String flat = new DotWriter().source(graph, 50);
    String clustered = new DotWriter().sourceWithClusters(graph, 50);

    String statements = flat.substring(0, flat.length() - "}\n".length());
    assertThat(clustered).startsWith(statements);
    assertThat(clustered.substring(statements.length())).isEqualTo("""
        \tsubgraph cluster_block {
        \t\tgraph [label="block (Block)" fontname=monospace fontsize=10 labeljust=l style=dashed]
        \t\taddmm_b
        \t\taddmm_a
        \t\tt_a
        \t\tt_b0
        \t\tsubgraph "cluster_block.act" {
        \t\t\tgraph [label="block.act (ReLU)" fontname=monospace fontsize=10 labeljust=l style=dashed]
        \t\t\trelu
        \t\t}
        \t}
        \tsubgraph cluster_a {
        \t\tgraph [label="a, 20 params" fontname=monospace fontsize=10 labeljust=l style=dashed]
        \t\tw_a
        \t\tb_a
        \t\taccw_a
        \t\taccb_a
        \t}
        \tsubgraph cluster_b {
        \t\tgraph [label="b, 20 params" fontname=monospace fontsize=10 labeljust=l style=dashed]
        \t\tsubgraph "cluster_b.0" {
        \t\t\tgraph [label="b.0, 20 params" fontname=monospace fontsize=10 labeljust=l style=dashed]
        \t\t\tw_b0
        \t\t\tb_b0
        \t\t\taccw_b0
        \t\t\taccb_b0
        \t\t}
        \t}
        }
        """);

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    new DotWriter().write(graph, RenderOptions.defaults().withClusters(true), file);
    assertThat(file.toString(StandardCharsets.UTF_8)).as("DOT files stay torchviz's").doesNotContain("subgraph");
    // Last: skipped (with the reason) where Graphviz is not installed.
    assertThat(GraphvizCanon.run(clustered).exitCode()).isZero();
  }

  @Test
  void aDiffsMarksAreDotAttributes() {
    List<Node> nodes = List.of(Node.tensor("y", "", List.of(1L)), Node.function("tanh", "TanhBackward0"),
        Node.function("relu", "ReluBackward0"), Node.tensor("x", "x", List.of(1L)),
        Node.function("acc", "AccumulateGrad"));
    Graph before = new Graph(nodes, List.of(new Edge("x", "acc", EdgeKind.LEAF), new Edge("acc", "relu", EdgeKind.INPUT),
        new Edge("relu", "tanh", EdgeKind.INPUT), new Edge("tanh", "y", EdgeKind.OUTPUT)), List.of("y"));
    Graph after = new Graph(List.of(nodes.get(0), nodes.get(1), nodes.get(3), nodes.get(4)), List.of(
        new Edge("x", "acc", EdgeKind.LEAF), new Edge("acc", "tanh", EdgeKind.INPUT),
        new Edge("tanh", "y", EdgeKind.OUTPUT)), List.of("y"));

    String dot = new DotWriter().source(io.github.torchviz4j.drawing.Drawing.of(
        io.github.torchviz4j.diff.GraphDiff.of(before, after), io.github.torchviz4j.drawing.DrawingOptions.defaults()));

    assertThat(dot).contains("\trelu [label=ReluBackward0 fillcolor=lightgrey color=\"#d62728\" penwidth=3.0 style=\"filled,dashed\"]\n")
        .contains("\trelu -> tanh [color=\"#d62728\" penwidth=2.0 style=dashed]\n")
        .contains("\tacc -> tanh [color=\"#1fa13a\" penwidth=2.0]\n")
        .contains("\ttanh [label=TanhBackward0 fillcolor=\"#ededed\" color=\"#a8a8a8\" fontcolor=\"#8c8c8c\"]\n");
  }
}
