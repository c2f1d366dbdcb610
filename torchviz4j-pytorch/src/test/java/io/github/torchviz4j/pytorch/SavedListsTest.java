package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.CompilationUnit;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.SimpleSelf;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptionalList;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Fields that save a list of tensors ({@code std::vector<SavedVariable>}): torchviz shows {@code
 * indices : [saved tensors]} and one orange {@code indices[i]} node per defined element.
 */
class SavedListsTest {
  private static final MakeDotOptions DETAILED = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();

  @Test
  void indexBackwardSavesItsIndices() {
    try (PointerScope scope = new PointerScope()) {
      // A Swin Transformer's relative position bias: table[index].
      Tensor table = torch.randn(5, 3).requires_grad_(true);
      Tensor index = Tensor.create(new long[] {0, 2, 4, 2}, 4);
      Tensor y = torch.index(table, indices(index));

      Graph graph = TorchViz.capture(List.of(y), Map.of("table", table), DETAILED);
      Node node = only(graph, "IndexBackward0");

      assertThat(text(node)).containsExactly("indices=[saved tensors]", "self_sym_sizes=(5, 3)");
      assertThat(saved(graph, node)).containsExactly(Map.entry("indices[0]", List.of(4L)));
      assertThat(TorchViz.makeDot(List.of(y), Map.of("table", table), DETAILED).source())
          .contains("label=\"indices[0]\n (4)\" fillcolor=orange]")
          .doesNotContain("released", "?");
    }
  }

  @Test
  void undefinedIndicesAreSkippedButKeepTheirPosition() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.randn(2, 5).requires_grad_(true);
      Tensor index = Tensor.create(new long[] {1, 3}, 2);
      // x[:, index]: indices (None, index)
      TensorOptionalList list = new TensorOptionalList();
      list.push_back(new TensorOptional());
      list.push_back(new TensorOptional(index));
      Tensor y = torch.index(x, list);

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x), DETAILED);
      Node node = only(graph, "IndexBackward0");

      assertThat(text(node)).containsExactly("indices=[saved tensors]", "self_sym_sizes=(2, 5)");
      assertThat(saved(graph, node)).containsExactly(Map.entry("indices[1]", List.of(2L)));
    }
  }

  @Test
  void indexPutBackwardSavesItsIndices() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = torch.randn(6).requires_grad_(true);
      Tensor values = torch.randn(2).requires_grad_(true);
      Tensor y = torch.index_put(x, indices(Tensor.create(new long[] {1, 4}, 2)), values, true);

      Graph graph = TorchViz.capture(List.of(y), Map.of("x", x, "values", values), DETAILED);
      Node node = only(graph, "IndexPutBackward0");

      assertThat(text(node)).containsExactly("accumulate=True", "indices=[saved tensors]");
      assertThat(saved(graph, node)).containsExactly(Map.entry("indices[0]", List.of(2L)));
    }
  }

  @Test
  void foreachMulSavesBothLists() {
    try (PointerScope scope = new PointerScope()) {
      Tensor a = torch.randn(3).requires_grad_(true);
      Tensor b = torch.randn(2, 2).requires_grad_(true);
      Tensor y = script("def forward(self, a, b):\n"
          + "    r = torch._foreach_mul([a, b], [b.sum(), a.sum()])\n"
          + "    return r[0].sum() + r[1].sum()\n", a, b);

      Map<String, Tensor> params = new LinkedHashMap<>();
      params.put("a", a);
      params.put("b", b);
      Graph graph = TorchViz.capture(List.of(y), params, DETAILED);
      Node node = only(graph, "ForeachMulBackward0List");

      assertThat(text(node)).containsExactly("other=[saved tensors]", "self=[saved tensors]");
      assertThat(saved(graph, node)).containsExactly(
          Map.entry("other[0]", List.<Long>of()), Map.entry("other[1]", List.<Long>of()),
          Map.entry("self[0]", List.of(3L)), Map.entry("self[1]", List.of(2L, 2L)));
      // self[0] is the leaf a: one node, drawn blue under its parameter name.
      Edge self0 = graph.outgoing(node.id()).stream().filter(e -> e.name().equals("self[0]")).findFirst().orElseThrow();
      assertThat(graph.node(self0.head()).name()).isEqualTo("a");
    }
  }

  @Test
  void afterBackwardAReleasedListIsFreed() {
    try (PointerScope scope = new PointerScope()) {
      Tensor table = torch.randn(5, 3).requires_grad_(true);
      Tensor y = torch.index(table, indices(Tensor.create(new long[] {0, 2}, 2)));
      y.sum().backward();

      Graph graph = TorchViz.capture(List.of(y), Map.of("table", table), DETAILED);

      assertThat(text(only(graph, "IndexBackward0"))).containsExactly("indices=[freed]", "self_sym_sizes=(5, 3)");
      assertThat(TorchViz.makeDot(List.of(y), Map.of("table", table), DETAILED).source())
          .contains("[label=\"indices\n (freed)\" fillcolor=orange]");
    }
  }

  private static TensorOptionalList indices(Tensor index) {
    TensorOptionalList list = new TensorOptionalList();
    list.push_back(new TensorOptional(index));
    return list;
  }

  /** Runs a TorchScript forward defined in Java: the bindings have no {@code _foreach_*} functions. */
  private static Tensor script(String source, Tensor... inputs) {
    CompilationUnit unit = new CompilationUnit();
    JitModule module = new JitModule(new QualifiedName("__torch__.Script"), unit, true);
    unit.define(module._ivalue().type().name(), source, torch.nativeResolver(), new SimpleSelf(module._ivalue().type()));
    IValue[] values = new IValue[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      values[i] = new IValue(inputs[i]);
    }
    boolean optimize = torch.getGraphExecutorOptimize();
    torch.setGraphExecutorOptimize(false);
    try {
      return new Tensor(module.forward(new IValueVector(values)).toTensor());
    } finally {
      torch.setGraphExecutorOptimize(optimize);
    }
  }

  private static Node only(Graph graph, String name) {
    List<Node> nodes = graph.nodes().stream().filter(n -> n.name().equals(name)).toList();
    assertThat(nodes).as(name).hasSize(1);
    return nodes.get(0);
  }

  private static List<String> text(Node function) {
    return function.attributes().stream().map(a -> a.name() + "=" + a.value().pythonText()).toList();
  }

  private static Map<String, List<Long>> saved(Graph graph, Node function) {
    Map<String, List<Long>> shapes = new LinkedHashMap<>();
    for (Edge edge : graph.outgoing(function.id())) {
      if (edge.kind() == EdgeKind.SAVED) {
        shapes.put(edge.name(), graph.node(edge.head()).shape());
      }
    }
    return shapes;
  }
}
