package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graphs far beyond what a picture can hold: they finish, or fail with a message about size. */
class HugeGraphTest {
  @TempDir Path directory;

  /** x followed by {@code length} negations; wrappers are released as the chain grows. */
  private static Tensor chain(Tensor x, int length) {
    Tensor y = x;
    for (int done = 0; done < length; done += 10_000) {
      try (PointerScope scope = new PointerScope()) {
        Tensor step = y;
        for (int i = 0; i < Math.min(10_000, length - done); i++) {
          step = step.neg();
        }
        y = new Tensor(step);
        y.retainReference();
      }
    }
    return y;
  }

  @Test
  void millionNodeChainIsCapturedAndWrittenAsDotButRefusedAsAPicture() throws Exception {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.ones(2).requires_grad_(true);
      Tensor y = chain(x, 1_000_000);

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x));
      Digraph dot = new Digraph(graph, io.github.torchviz4j.render.RenderOptions.defaults());
      Path gv = dot.save(directory.resolve("chain.gv"));

      assertThat(graph.nodes()).hasSize(1_000_003);
      assertThat(Files.size(gv)).isGreaterThan(20_000_000L);
      assertThatThrownBy(() -> dot.save(directory.resolve("chain.svg")))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("1,000,003")
          .hasMessageContaining(".gv");
      assertThat(directory.resolve("chain.svg")).doesNotExist();
    }
  }

  @Test
  void captureBeyondMaxNodesFailsWithTheLimit() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.ones(2).requires_grad_(true);
      Tensor y = chain(x, 5_000);

      assertThatThrownBy(() -> TorchViz.capture(List.of(y), Map.of(), MakeDotOptions.builder().maxNodes(1_000).build()))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("more than 1000 nodes")
          .hasMessageContaining("maxNodes");
    }
  }
}
