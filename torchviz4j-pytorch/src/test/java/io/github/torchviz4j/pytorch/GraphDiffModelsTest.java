package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.diff.DiffKind;
import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.diff.NodeDiff;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import java.util.List;

import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Diffs of graphs captured from real libtorch models that differ in one known way. */
class GraphDiffModelsTest {

  private static Graph encoder(int layers) {
    return EncoderModels.residualEncoder(layers, "Block");
  }


  /** Linear(4, width), activation, Linear(width, 2): parameters fc1.*, fc2.*. */
  private static Graph mlp(int width, UnaryOperator<Tensor> activation) {
    torch.manual_seed(0);
    Module model = new Module("Mlp");
    LinearImpl fc1 = model.register_module("fc1", new LinearImpl(4, width));
    LinearImpl fc2 = model.register_module("fc2", new LinearImpl(width, 2));
    Tensor y = fc2.forward(activation.apply(fc1.forward(torch.randn(3, 4))));
    return TorchViz.capture(List.of(y), ReferenceModels.params(model));
  }

  private static List<NodeDiff> notSame(GraphDiff diff) {
    return diff.nodes().stream().filter(n -> n.kind() != DiffKind.SAME).toList();
  }

  @Test
  void anEncoderWithOneMoreLayerAddsExactlyThatLayersNodes() {
    try (PointerScope scope = new PointerScope()) {
      Graph two = encoder(2);
      Graph three = encoder(3);

      GraphDiff diff = GraphDiff.of(two, three);

      assertThat(diff.count(DiffKind.REMOVED)).isZero();
      assertThat(diff.count(DiffKind.CHANGED)).isZero();
      List<NodeDiff> added = notSame(diff);
      assertThat(added).isNotEmpty().allSatisfy(n -> {
        assertThat(n.kind()).isEqualTo(DiffKind.ADDED);
        assertThat(ModuleInfo.isWithin(three.node(n.after()).modulePath(), "layers.2"))
            .as("%s in %s", three.node(n.after()).name(), three.node(n.after()).modulePath()).isTrue();
      });
      long inNewLayer = three.nodes().stream().filter(n -> ModuleInfo.isWithin(n.modulePath(), "layers.2")).count();
      assertThat(added).hasSize((int) inNewLayer);
      assertThat(diff.addedModules()).containsExactly("layers.2");
      assertThat(diff.summary()).endsWith("modules added: layers.2");
    }
  }

  @Test
  void anotherHiddenWidthChangesShapesAndNothingElse() {
    try (PointerScope scope = new PointerScope()) {
      GraphDiff diff = GraphDiff.of(mlp(16, torch::relu), mlp(32, torch::relu));

      assertThat(diff.count(DiffKind.ADDED) + diff.count(DiffKind.REMOVED)).isZero();
      assertThat(notSame(diff)).isNotEmpty().allSatisfy(n -> assertThat(n.changes())
          .allSatisfy(change -> assertThat(change).matches("(input )?shape .*")));
      assertThat(diff.ofBefore(nodeNamed(diff.before(), "fc1.weight")).orElseThrow().changes())
          .containsExactly("shape (16, 4) → (32, 4)");
    }
  }

  @Test
  void geluInsteadOfReluChangesThatOneNode() {
    try (PointerScope scope = new PointerScope()) {
      GraphDiff diff = GraphDiff.of(mlp(16, torch::relu), mlp(16, t -> torch.gelu(t)));

      assertThat(notSame(diff)).singleElement().satisfies(n ->
          assertThat(n.changes()).containsExactly("op ReluBackward0 → GeluBackward0"));
    }
  }

  @Test
  void evalAgainstTrainRemovesDropoutsNodes() {
    try (PointerScope scope = new PointerScope()) {
      Graph train = mlp(16, t -> torch.dropout(torch.relu(t), 0.5, true));
      Graph eval = mlp(16, t -> torch.dropout(torch.relu(t), 0.5, false));

      GraphDiff diff = GraphDiff.of(train, eval);

      assertThat(diff.count(DiffKind.ADDED)).isZero();
      assertThat(diff.count(DiffKind.CHANGED)).isZero();
      assertThat(notSame(diff)).isNotEmpty().allSatisfy(n -> {
        assertThat(n.kind()).isEqualTo(DiffKind.REMOVED);
        assertThat(train.node(n.before()).name()).isIn("MulBackward0", "NativeDropoutBackward0");
      });
    }
  }

  @Test
  void twoCapturesOfOneModelAreTheSame() {
    try (PointerScope scope = new PointerScope()) {
      GraphDiff diff = GraphDiff.of(encoder(2), encoder(2));
      assertThat(diff.isSame()).isTrue();
      assertThat(diff.summary()).isEqualTo("added 0, removed 0, changed 0 nodes");
    }
  }

  private static String nodeNamed(Graph graph, String name) {
    return graph.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().id();
  }

}
