package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Module scopes recorded by an explicit recorder, on real libtorch tensors. */
class ModuleRecorderTest {

  private static List<String> functionPaths(Graph graph, String name) {
    return graph.nodes().stream().filter(n -> n.kind() == NodeKind.FUNCTION && n.name().equals(name))
        .map(Node::modulePath).toList();
  }

  @Test
  void scopesNestAndPlaceTheFunctionsTheirForwardMade() {
    try (PointerScope pointers = new PointerScope(); ModuleRecorder modules = TorchViz.recordModules()) {
      Tensor x = torch.ones(2, 2).requires_grad_(true);
      Tensor y;
      try (ModuleScope block = modules.scope("block", "Block")) {
        Tensor h = x.mul(x);
        try (ModuleScope act = modules.scope("act", "Tanh")) {
          assertThat(act.path()).isEqualTo("block.act");
          h = torch.tanh(h);
        }
        y = h.sum();
      }

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x), MakeDotOptions.defaults(), modules);

      assertThat(modules.spans()).extracting(ModuleSpan::path).containsExactly("block.act", "block");
      assertThat(functionPaths(graph, "TanhBackward0")).containsExactly("block.act");
      assertThat(functionPaths(graph, "MulBackward0")).containsExactly("block");
      assertThat(functionPaths(graph, "SumBackward0")).containsExactly("block");
    }
  }

  @Test
  void aCaptureWithoutTheRecorderSeesNoScopes() {
    try (PointerScope pointers = new PointerScope()) {
      Tensor x = torch.ones(2, 2).requires_grad_(true);
      Tensor y;
      try (ModuleRecorder modules = TorchViz.recordModules(); ModuleScope block = modules.scope("block")) {
        y = torch.tanh(x).sum();
      }

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x), MakeDotOptions.defaults());

      assertThat(graph.nodes()).allMatch(n -> n.modulePath().isEmpty());
    }
  }

  @Test
  void scopesCloseInnermostFirstOnTheRecordersThread() throws Exception {
    try (ModuleRecorder modules = TorchViz.recordModules()) {
      ModuleScope outer = modules.scope("outer");
      ModuleScope inner = modules.scope("inner");
      assertThatThrownBy(outer::close).isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("scope 'outer' is closed out of order");
      inner.close();
      outer.close();
      assertThatThrownBy(() -> modules.scope(".bad")).hasMessageContaining("scope name '.bad' is invalid");

      CompletableFuture<ModuleScope> elsewhere = CompletableFuture.supplyAsync(() -> modules.scope("other"));
      assertThatThrownBy(elsewhere::get).isInstanceOf(ExecutionException.class)
          .cause().hasMessageContaining("belongs to").hasMessageContaining("record on the thread that runs the forward");
      modules.close();
      assertThatThrownBy(() -> modules.scope("late")).hasMessageContaining("the module recorder is closed");
      assertThat(modules.spans()).isEmpty();
    }
  }
}
