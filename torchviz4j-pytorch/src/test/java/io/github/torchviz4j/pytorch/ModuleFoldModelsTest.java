package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.NodeKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Folding repeated blocks on graphs captured from real libtorch models. */
class ModuleFoldModelsTest {
  @TempDir
  Path dir;

  private static Graph encoder(int layers) {
    return EncoderModels.residualEncoder(layers, "EncoderLayer");
  }


  @Test
  void aFortyEightLayerEncoderFoldsIntoAFewBoxesWithItsCount() {
    try (PointerScope scope = new PointerScope()) {
      Graph graph = encoder(48);

      Graph folded = fold(graph);

      assertThat(folded.nodes().size()).isLessThan(graph.nodes().size() / 10);
      List<ModuleInfo> repeated = folded.modules().stream().filter(m -> m.count() > 1).toList();
      assertThat(repeated).singleElement().satisfies(m -> {
        assertThat(m.displayClass()).isEqualTo("EncoderLayer ×" + m.count());
        assertThat(m.foldedThrough()).isEqualTo("layers.47");
        assertThat(m.count()).isBetween(47, 48);
      });
      Graph boxes = collapse(folded, 2);   // layers.i is depth 2
      assertThat(boxes.nodes().size()).isLessThanOrEqualTo(36);
      assertThat(boxes.nodes()).filteredOn(n -> n.kind() == NodeKind.MODULE)
          .extracting(n -> boxes.module(n.name()).displayPath())
          .anySatisfy(name -> assertThat(name).endsWith("… layers.47"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"neuron", "mlp", "cnn", "multi_output"})
  void modelsWithoutRepeatedBlocksDrawExactlyAsBefore(String caseName) {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case model = ReferenceModels.build(caseName);
      Graph graph = TorchViz.capture(model.outputs(), model.params());
      assertThat(fold(graph)).isSameAs(graph);
    }
  }

  @Test
  void aTorchScriptEncodersFirstLayerDiffersSoItsTwoLayersStayApart() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("transformer", "model.pt", dir))) {
      Tensor x = TensorFiles.load(TorchScriptFiles.copy("transformer", "input.pt", dir));
      Graph graph = TorchViz.capture(List.of(model.forward(List.of(x)).get(0).sum()), model.namedParameters());

      // The first layer's input needs no grad, so it makes fewer backward nodes than the second
      // (89 against 92): the layers are not alike, and a run needs two that are.
      assertThat(fold(graph)).isSameAs(graph);
    }
  }

  /** The drawn graph at a depth: modules collapsed, clusters kept (ModuleCollapse is the drawing's own step). */
  private static Graph collapse(Graph graph, int depth) {
    return Drawing.of(graph, new DrawingOptions(depth, true, 0, 50)).graph();
  }

  /** The drawn graph with repeated blocks folded and no module collapsed (ModuleFold is the drawing's own step). */
  private static Graph fold(Graph graph) {
    return Drawing.of(graph, new DrawingOptions(0, true, 0, 50, true)).graph();
  }
}
