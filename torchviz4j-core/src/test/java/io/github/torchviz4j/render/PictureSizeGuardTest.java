package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.layout.LayoutCost;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad-input catalogue, huge graphs: pictures that would cost more than {@link
 * RenderOptions#maxLayoutNodes()} (nodes, plus boxes placed after runs and trunks, plus bends of
 * long edges)
 * fail at once with a message naming the size, the estimate, the limit and what to do; DOT and JSON
 * still work. A long chain costs little and is drawn.
 */
class PictureSizeGuardTest {

  private static byte[] render(Digraph digraph, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    digraph.render(format, out);
    return out.toByteArray();
  }

  /**
   * A chain of {@code nodes} functions in which every function also feeds the one {@code skip}
   * further on: nothing is a run, and each skip edge crosses {@code skip - 1} layers, each a bend
   * the layout places.
   */
  static Graph longSkips(int nodes, int skip) {
    List<Node> list = new ArrayList<>(nodes + 1);
    List<Edge> edges = new ArrayList<>(2 * nodes);
    for (int i = 0; i < nodes; i++) {
      list.add(Node.function("f" + i, "AddBackward0"));
      if (i > 0) {
        edges.add(new Edge("f" + (i - 1), "f" + i, EdgeKind.INPUT));
      }
      if (i >= skip) {
        edges.add(new Edge("f" + (i - skip), "f" + i, EdgeKind.INPUT));
      }
    }
    list.add(Node.tensor("y", "", List.of()));
    edges.add(new Edge("f" + (nodes - 1), "y", EdgeKind.OUTPUT));
    return new Graph(list, edges, List.of("y"));
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"SVG", "PNG", "PDF", "HTML"})
  void picturesAboveTheLimitFailNamingSizeCostLimitAndWhatToDo(Format format) {
    // 1,001 boxes, and 900 skip edges of 99 bends each.
    Digraph digraph = Digraph.of(longSkips(1_000, 100))
        .withOptions(RenderOptions.defaults().withMaxLayoutNodes(1_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> digraph.render(format, out))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("1,001 nodes")
        .hasMessageContaining("about 91,102 units (1,001 nodes, 1,001 boxes placed, 89,100 bends of long edges)")
        .hasMessageContaining("more than the 1,000")
        .hasMessageContaining(".gv")
        .hasMessageContaining(".json")
        .hasMessageContaining("withDepth")
        .hasMessageContaining("withMaxLayoutNodes");
    assertThat(out.size()).isZero();
  }

  @Test
  void theLimitWeighsTheLayoutsWorkNotOnlyNodes() throws IOException {
    // The same 1,001 nodes: as one run, the chain is one column for ELK (1,001 + 1 units); with skip
    // edges nothing is a run and every skip edge crosses 99 layers (91,102 units).
    RenderOptions limit = RenderOptions.defaults().withMaxLayoutNodes(2_000);
    Outputs.parse(Format.SVG, render(Digraph.of(SampleGraphs.chain(1_001)).withOptions(limit), Format.SVG));
    assertThatThrownBy(() -> render(Digraph.of(longSkips(1_000, 100)).withOptions(limit), Format.SVG))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("about 91,102 units");
    assertThatThrownBy(() -> render(Digraph.of(SampleGraphs.chain(1_001)).withOptions(limit.withMaxLayoutNodes(1_001)),
        Format.SVG))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("about 1,002 units (1,001 nodes, 1 boxes placed, 0 bends");
  }

  @Test
  void aHundredThousandNodeChainIsDrawn() throws IOException {
    Graph chain = SampleGraphs.chain(100_000);
    LayoutCost cost = new ElkLayoutEngine().cost(chain, RenderOptions.defaults().layout());
    assertThat(cost).isEqualTo(new LayoutCost(100_000, 1, 0));
    assertThat(cost.total()).isEqualTo(100_001);

    String svg = new String(render(Digraph.of(chain), Format.SVG), StandardCharsets.UTF_8);
    assertThat(svg).startsWith("<?xml").endsWith("</svg>\n").contains("SumBackward0");
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"SVG", "PNG", "PDF", "HTML"})
  void graphsAtTheLimitAreDrawn(Format format) throws IOException {
    Digraph digraph = Digraph.of(SampleGraphs.chain(50)).withOptions(RenderOptions.defaults().withMaxLayoutNodes(50));
    Outputs.parse(format, render(digraph, format));
  }

  @Test
  void theGraphvizEngineHasTheSameLimit() {
    Digraph digraph = Digraph.of(SampleGraphs.chain(11))
        .withOptions(RenderOptions.defaults().withEngine(Engine.GRAPHVIZ).withMaxLayoutNodes(10));
    assertThatThrownBy(() -> digraph.render(Format.SVG, new ByteArrayOutputStream()))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("11 nodes");
  }

  @Test
  void aGraphWhoseLayoutWouldTakeMinutesIsRefusedWhileDotAndJsonWork() throws IOException {
    // 20,001 nodes and boxes, 18,000 skip edges of 1,999 bends each: about 36 million units.
    Digraph digraph = Digraph.of(longSkips(20_000, 2_000));

    assertThatThrownBy(() -> digraph.render(Format.SVG, new ByteArrayOutputStream()))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("20,001 nodes")
        .hasMessageContaining("35,982,000 bends")
        .hasMessageContaining(String.format(java.util.Locale.ROOT, "%,d", RenderOptions.DEFAULT_MAX_LAYOUT_NODES));

    assertThat((String) Outputs.parse(Format.DOT, render(digraph, Format.DOT))).contains("f19998 ->");
    assertThat(Outputs.jsonNodes(Outputs.parse(Format.JSON, render(digraph, Format.JSON)))).hasSize(20_001);
  }

  @Test
  void collapsingModulesBringsAGraphUnderTheLimit() throws IOException {
    // 400 functions in 4 modules: the op graph is over a limit of 100 nodes, the module graph is not.
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("y", "", List.of()));
    for (int i = 0; i < 400; i++) {
      nodes.add(Node.function("f" + i, "MulBackward0").withModulePath("block" + i / 100).withSequenceNr(i));
      if (i > 0) {
        edges.add(new Edge("f" + (i - 1), "f" + i, EdgeKind.INPUT));
      }
    }
    edges.add(new Edge("f399", "y", EdgeKind.OUTPUT));
    Digraph digraph = Digraph.of(new Graph(nodes, edges, List.of("y")))
        .withOptions(RenderOptions.defaults().withMaxLayoutNodes(100));

    assertThatThrownBy(() -> render(digraph, Format.SVG)).isInstanceOf(Torchviz4jException.class);
    Outputs.parse(Format.SVG, render(digraph.withOptions(digraph.options().withDepth(1)), Format.SVG));
  }
}
