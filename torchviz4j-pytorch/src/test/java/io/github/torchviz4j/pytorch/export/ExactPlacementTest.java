package io.github.torchviz4j.pytorch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;

/** Module clusters of an exported program come from each op's nn_module_stack, exactly. */
class ExactPlacementTest {

  private static Graph capture(String caseName, MakeDotOptions options) throws Exception {
    try (PointerScope scope = new PointerScope();
        ExportedProgram program = ExportedProgram.load(ExportedProgramFidelityTest.Pt2Files.model(caseName))) {
      return program.run(ExportedProgramFidelityTest.Pt2Files.inputs(caseName)).capture(options);
    }
  }

  @Test
  void functionsLandInTheModuleOfTheOpThatCreatedThem() throws Exception {
    Graph graph = capture("vit_small", MakeDotOptions.defaults());

    Map<String, Set<String>> modulesByFunction = graph.nodes().stream()
        .filter(n -> n.kind() == NodeKind.FUNCTION && !n.name().equals("AccumulateGrad"))
        .collect(Collectors.groupingBy(Node::name, Collectors.mapping(Node::modulePath, Collectors.toCollection(TreeSet::new))));
    // conv_proj is the only convolution; layer norms run in ln_1 / ln_2 of each block and in encoder.ln.
    assertThat(modulesByFunction.get("ConvolutionBackward0")).containsExactly("conv_proj");
    assertThat(modulesByFunction.get("NativeLayerNormBackward0")).contains("encoder.ln",
        "encoder.layers.encoder_layer_0.ln_1", "encoder.layers.encoder_layer_5.ln_2")
        .allMatch(path -> path.equals("encoder.ln") || path.matches("encoder\\.layers\\.encoder_layer_\\d\\.ln_[12]"));
    // GELU runs inside the MLP block's activation module (torchvision's MLPBlock: index 1).
    assertThat(modulesByFunction.get("GeluBackward0")).allMatch(path -> path.matches("encoder\\.layers\\.encoder_layer_\\d\\.mlp\\.1"));
  }

  @Test
  void parametersAndTheirAccumulateGradsLandInTheOwningModule() throws Exception {
    Graph graph = capture("vit_small", MakeDotOptions.defaults());

    for (Edge edge : graph.edges()) {
      if (edge.kind() == EdgeKind.LEAF) {
        Node leaf = graph.node(edge.tail());
        String owner = ModuleInfo.parentOf(leaf.name());
        assertThat(leaf.modulePath()).as(leaf.name()).isEqualTo(owner);
        assertThat(graph.node(edge.head()).modulePath()).as("AccumulateGrad of " + leaf.name()).isEqualTo(owner);
      }
    }
  }

  @Test
  void modulesAreListedWithTheirClasses() throws Exception {
    Graph graph = capture("vit_small", MakeDotOptions.defaults());

    assertThat(graph.modules()).contains(new ModuleInfo("conv_proj", "Conv2d"), new ModuleInfo("encoder", "Encoder"),
        new ModuleInfo("encoder.layers", "Sequential"),
        new ModuleInfo("encoder.layers.encoder_layer_0", "EncoderBlock"),
        new ModuleInfo("encoder.layers.encoder_layer_0.self_attention", "MultiheadAttention"));
  }

  @Test
  void savedTensorsFollowTheirFunctionAndOutputsAreInTheRoot() throws Exception {
    Graph graph = capture("mha", MakeDotOptions.builder().showSaved(true).build());

    for (Edge edge : graph.edges()) {
      if (edge.kind() == EdgeKind.SAVED) {
        assertThat(graph.node(edge.head()).modulePath()).isEqualTo(graph.node(edge.tail()).modulePath());
      }
    }
    assertThat(graph.outputs()).allMatch(id -> graph.node(id).modulePath().isEmpty());
    assertThat(graph.nodes().stream().filter(n -> n.name().equals("NativeLayerNormBackward0")))
        .singleElement().extracting(Node::modulePath).isEqualTo("n");
  }
}
