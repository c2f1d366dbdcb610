package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.layout.SampleGraphs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad-input catalogue, huge graphs: pictures of graphs above {@link RenderOptions#maxLayoutNodes()}
 * fail at once with a message naming the size, the limit and what to do; DOT and JSON still work.
 */
class PictureSizeGuardTest {

  private static byte[] render(Digraph digraph, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    digraph.render(format, out);
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"SVG", "PNG", "PDF", "HTML"})
  void picturesAboveTheLimitFailNamingSizeLimitAndWhatToDo(Format format) {
    Digraph digraph = Digraph.of(SampleGraphs.chain(1_001))
        .withOptions(RenderOptions.defaults().withMaxLayoutNodes(1_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> digraph.render(format, out))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("1,001 nodes")
        .hasMessageContaining("1,000")
        .hasMessageContaining(".gv")
        .hasMessageContaining(".json")
        .hasMessageContaining("withDepth")
        .hasMessageContaining("withMaxLayoutNodes");
    assertThat(out.size()).isZero();
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
  void aGraphAboveTheDefaultLimitFailsFastWhileDotAndJsonWork() throws IOException {
    int nodes = RenderOptions.DEFAULT_MAX_LAYOUT_NODES + 1;
    Digraph digraph = Digraph.of(SampleGraphs.chain(nodes));

    long start = System.nanoTime();
    assertThatThrownBy(() -> digraph.render(Format.SVG, new ByteArrayOutputStream()))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("100,001 nodes")
        .hasMessageContaining("100,000");
    // Refused before any layout: far below the 10-20 s a layout of this size takes.
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);

    assertThat((String) Outputs.parse(Format.DOT, render(digraph, Format.DOT))).contains("f99998 ->");
    assertThat(Outputs.jsonNodes(Outputs.parse(Format.JSON, render(digraph, Format.JSON)))).hasSize(nodes);
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
