package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.CompilationUnit;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.SimpleSelf;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tied weights (GPT's {@code lm_head.weight} is {@code wte.weight}): Python's {@code
 * named_parameters()} yields the shared tensor once, under its first name, and torchviz draws that
 * name; libtorch lists both names.
 */
class SharedParametersTest {
  @TempDir Path dir;

  @Test
  void eagerTiedWeightTakesItsFirstName() {
    try (PointerScope scope = new PointerScope()) {
      Module model = new Module("Gpt");
      EmbeddingImpl wte = model.register_module("wte", new EmbeddingImpl(10, 4));
      Module lmHead = model.register_module("lm_head", new Module("Linear"));
      lmHead.register_parameter("weight", wte.weight());
      Tensor idx = Tensor.create(new long[] {1, 3, 5}, 3);
      Tensor logits = torch.matmul(wte.forward(idx), lmHead.named_parameters().get(0).value().t());

      StringTensorDict params = model.named_parameters();
      assertThat(params.size()).as("libtorch lists every name").isEqualTo(2);
      assertThat(params.get(1).key().getString()).isEqualTo("lm_head.weight");

      String source = TorchViz.makeDot(logits, params).source();
      assertThat(source).contains("\"wte.weight\n (10, 4)\"").doesNotContain("lm_head");
      assertThat(leafNames(TorchViz.capture(List.of(logits), mapOf(params)))).containsExactly("wte.weight");
    }
  }

  @Test
  void mapParamsNameASharedTensorByItsFirstKey() {
    try (PointerScope scope = new PointerScope()) {
      Tensor w = torch.randn(3, 3).requires_grad_(true);
      Tensor y = torch.matmul(w, w).sum();
      Map<String, Tensor> params = new LinkedHashMap<>();
      params.put("encoder.weight", w);
      params.put("decoder.weight", w);

      assertThat(leafNames(TorchViz.capture(List.of(y), params))).containsExactly("encoder.weight");

      Map<String, Tensor> reversed = new LinkedHashMap<>();
      reversed.put("decoder.weight", w);
      reversed.put("encoder.weight", w);
      assertThat(leafNames(TorchViz.capture(List.of(y), reversed))).containsExactly("decoder.weight");
    }
  }

  @Test
  void gradientsListNoSharedNameAsUnused() {
    try (PointerScope scope = new PointerScope()) {
      Tensor w = torch.randn(3, 3).requires_grad_(true);
      Tensor y = torch.matmul(w, w).sum();
      y.backward();
      Map<String, Tensor> params = new LinkedHashMap<>();
      params.put("wte.weight", w);
      params.put("lm_head.weight", w);

      Graph graph = TorchViz.capture(List.of(y), params, MakeDotOptions.builder().showGradients(true).build());

      assertThat(graph.unusedParameters()).isEmpty();
    }
  }

  @Test
  void torchScriptTiedWeightTakesItsFirstName() {
    try (PointerScope scope = new PointerScope()) {
      Path file = tiedTorchScript(dir.resolve("tied.pt"));
      try (TorchScriptModel model = TorchScriptModel.load(file)) {
        Map<String, Tensor> params = model.namedParameters();
        assertThat(params).containsOnlyKeys("wte.weight");

        Tensor logits = model.forward(List.of(Tensor.create(new long[] {1, 3, 5}, 3))).get(0);
        Graph graph = TorchViz.capture(List.of(logits), params);

        assertThat(leafNames(graph)).containsExactly("wte.weight");
        assertThat(graph.nodes()).filteredOn(n -> n.kind() == NodeKind.TENSOR && n.name().isEmpty())
            .as("only the output is unnamed").hasSize(1);
      }
    }
  }

  /**
   * Builds and saves, with libtorch's JIT, a TorchScript module whose {@code lm_head.weight} is
   * the same tensor as {@code wte.weight}, as {@code torch.jit.trace} saves a GPT with tied weights.
   */
  static Path tiedTorchScript(Path file) {
    torch.manual_seed(0);
    CompilationUnit unit = new CompilationUnit();
    Tensor weight = torch.randn(10, 4).requires_grad_(true);
    JitModule wte = new JitModule(new QualifiedName("__torch__.Embedding"), unit, true);
    wte.register_parameter("weight", weight, false);
    JitModule lmHead = new JitModule(new QualifiedName("__torch__.Linear"), unit, true);
    lmHead.register_parameter("weight", weight, false);
    JitModule root = new JitModule(new QualifiedName("__torch__.Gpt"), unit, true);
    root.register_module("wte", wte);
    root.register_module("lm_head", lmHead);
    unit.define(root._ivalue().type().name(),
        "def forward(self, idx):\n"
            + "    h = torch.embedding(self.wte.weight, idx)\n"
            + "    return torch.matmul(h, self.lm_head.weight.t())\n",
        torch.nativeResolver(), new SimpleSelf(root._ivalue().type()));
    root.save(file.toString());
    return file;
  }

  private static List<String> leafNames(Graph graph) {
    return graph.nodes().stream()
        .filter(n -> n.kind() == NodeKind.TENSOR && !n.name().isEmpty())
        .map(Node::name)
        .toList();
  }

  private static Map<String, Tensor> mapOf(StringTensorDict params) {
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (long i = 0; i < params.size(); i++) {
      map.put(params.get(i).key().getString(), new Tensor(params.get(i).value()));
    }
    return map;
  }
}
