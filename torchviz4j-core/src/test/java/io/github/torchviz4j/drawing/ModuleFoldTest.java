package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleFoldTest {

  /**
   * A chain of blocks {@code layers.i}, each a weight, its AccumulateGrad and an MmBackward0 fed by
   * the previous block; one block's weight may be wider, which makes it differ.
   */
  private static Graph chain(int blocks, int oddWidthBlock) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("y", "", List.of(4L)));
    String previous = null;
    List<ModuleInfo> modules = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      String module = "layers." + i;
      long width = i == oddWidthBlock ? 8 : 4;
      modules.add(new ModuleInfo(module, "Block"));
      nodes.add(new Node("mm" + i, NodeKind.FUNCTION, "MmBackward0", List.of(), List.of(), module, i + 1));
      nodes.add(new Node("acc" + i, NodeKind.FUNCTION, "AccumulateGrad", List.of(), List.of(), module, -1));
      nodes.add(new Node("w" + i, NodeKind.TENSOR, module + ".weight", List.of(width, 4L), List.of(), module, -1));
      edges.add(new Edge("w" + i, "acc" + i, EdgeKind.LEAF));
      edges.add(new Edge("acc" + i, "mm" + i, EdgeKind.INPUT, "", List.of(width, 4L)));
      if (previous != null) {
        edges.add(new Edge(previous, "mm" + i, EdgeKind.INPUT, "", List.of(4L)));
      }
      previous = "mm" + i;
    }
    edges.add(new Edge(previous, "y", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("y"), modules);
  }

  @Test
  void identicalBlocksAfterTheFirstAreDrawnOnceWithTheirCount() {
    Graph folded = ModuleFold.fold(chain(48, 0));

    assertThat(folded.nodes()).extracting(Node::id).containsExactly("y", "mm0", "acc0", "w0", "mm1", "acc1", "w1");
    ModuleInfo block = folded.module("layers.1");
    assertThat(block.count()).isEqualTo(47);
    assertThat(block.displayPath()).isEqualTo("layers.1 … layers.47");
    assertThat(block.displayClass()).isEqualTo("Block ×47");
    assertThat(folded.modules()).extracting(ModuleInfo::path).containsExactly("layers.0", "layers.1");
    // Into the first copy from outside, out of the last copy re-tailed to the kept block; none between copies.
    assertThat(folded.edges()).extracting(e -> e.tail() + ">" + e.head())
        .containsExactly("w0>acc0", "acc0>mm0", "w1>acc1", "acc1>mm1", "mm0>mm1", "mm1>y");
    assertThat(ModuleTitles.of(folded).title("layers.1")).isEqualTo("layers.1 … layers.47 (Block ×47), 16 params");
    assertThat(ParameterCounts.of(folded).of("layers")).as("the container counts every copy").isEqualTo(32 + 47 * 16);
  }

  @Test
  void groupsGiveEachRunItsCopiesAndTheNodesTheyStandFor() {
    Graph graph = chain(48, 0);

    List<FoldGroup> groups = ModuleFold.groups(graph);

    assertThat(groups).singleElement().satisfies(group -> {
      assertThat(group.module()).isEqualTo(ModuleFold.fold(graph).module("layers.1"));
      assertThat(group.copies()).hasSize(46).startsWith("layers.2").endsWith("layers.47");
      assertThat(group.keptNodes()).hasSize(46 * 3).containsEntry("mm2", "mm1").containsEntry("acc30", "acc1")
          .containsEntry("w47", "w1").doesNotContainKeys("mm0", "mm1", "y");
    });
    assertThat(ModuleFold.groups(chain(6, 3))).extracting(g -> g.module().displayPath())
        .containsExactly("layers.0 … layers.2", "layers.4 … layers.5");
    assertThat(ModuleFold.groups(chain(2, 0))).isEmpty();
  }

  @Test
  void aBlockThatDiffersBreaksTheRun() {
    Graph folded = ModuleFold.fold(chain(6, 3));

    assertThat(folded.modules()).extracting(ModuleInfo::displayPath)
        .containsExactly("layers.0 … layers.2", "layers.3", "layers.4 … layers.5");
    assertThat(folded.edges()).extracting(e -> e.tail() + ">" + e.head()).contains("mm0>mm3", "mm3>mm4", "mm4>y");
  }

  @Test
  void aGraphWithoutRepeatsIsReturnedAsItIs() {
    Graph graph = chain(2, 0);
    assertThat(ModuleFold.fold(graph)).isSameAs(graph);
  }

  @Test
  void collapsedFoldedBlocksNameTheRangeAndCount() {
    Graph collapsed = ModuleCollapse.collapse(ModuleFold.fold(chain(48, 0)), 2);   // layers.i is depth 2
    assertThat(collapsed.nodes()).filteredOn(n -> n.kind() == NodeKind.MODULE)
        .extracting(n -> collapsed.module(n.name()).displayPath())
        .containsExactly("layers.0", "layers.1 … layers.47");
    Node folded = collapsed.nodes().stream().filter(n -> n.name().startsWith("layers.1")).findFirst().orElseThrow();
    assertThat(folded.attributes()).anySatisfy(a -> {
      assertThat(a.name()).isEqualTo("class");
      assertThat(a.value().pythonText()).isEqualTo("Block ×47");
    });
  }

  @Test
  void aFoldedPictureTitlesItsClusterWithTheRangeAndCount() throws Exception {
    Digraph folded = new Digraph(chain(48, 0), RenderOptions.defaults().withClusters(true).withFold(true));
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    folded.render(Format.SVG, svg);

    String text = svg.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("layers.1 … layers.47 (Block ×47)").doesNotContain("layers.2 ");
    assertThat(new Digraph(chain(48, 0), RenderOptions.defaults().withClusters(true)).source())
        .as("the DOT text of a graph drawn without fold").contains("layers.47.weight");
  }
}
