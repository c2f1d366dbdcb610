package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.CompilationUnit;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.SimpleSelf;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * The field table (derived from PyTorch 2.13) against the nodes libtorch 2.10 really builds: for
 * each backward class below, {@code compiled_args}' key must decode to the end with the table's
 * fields, or every value would be {@code ?}.
 */
class FieldTableCoverageTest {
  private static final MakeDotOptions DETAILED = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();

  /** Common layers and tensor ops, written as TorchScript so each is one line. */
  private static final String OPS = String.join("\n",
      "def forward(self, x, w, b, img, k, idx):",
      "    h = torch.addmm(b, x, w.t())",
      "    h = torch.gelu(h) + torch.relu(h) + torch.sigmoid(h) + torch.tanh(h)",
      "    h = torch.silu(h) + torch.leaky_relu(h, 0.1) + torch.elu(h)",
      "    h = torch.layer_norm(h, [4], b, b * 0.5)",
      "    h = torch.softmax(h, -1) + torch.log_softmax(h, 1) + h.exp() + h.abs().sqrt() + h.pow(2) / 3.0 - h * 2",
      "    h = h.sum(1, keepdim=True) + h.mean(0) + h.var(0) + h.std(1, keepdim=True) + h.clamp(-1.0, 1.0)",
      "    h = h + h.norm(2.0, 1, True) + h.cumsum(0) + h.max(1, True)[0] + h.amax(0) + h.logsumexp(1, True)",
      "    h = torch.cat([h, h * 3], 1)[:, 1:5] + torch.stack([h, h], 0).sum(0) + h.transpose(0, 1).t()",
      "    h = h.view(-1).reshape(3, 4).unsqueeze(0).squeeze(0).expand(3, 4) + h.permute(1, 0).contiguous().t()",
      "    h = h + torch.where(h > 0, h, h * 0.5) + h.masked_fill(h < -1.0, 0.0) + h[idx] + h.index_select(0, idx)",
      "    h = h + h.gather(1, idx.unsqueeze(1).expand(3, 4)) + torch.topk(h, 2, 1)[0].sum(1, True)",
      "    h = h + torch.sort(h, 1)[0] + torch.flip(h, [0]) + torch.roll(h, 1, 0) + h.rsqrt().nan_to_num()",
      "    c = torch.conv2d(img, k, None, [1, 1], [1, 1])",
      "    c = torch.max_pool2d(c, [2, 2]) + torch.avg_pool2d(c, [2, 2]) + torch.adaptive_avg_pool2d(c, [3, 3])",
      "    c = torch.batch_norm(c, None, None, None, None, True, 0.1, 1e-5, False)",
      "    c = torch.upsample_nearest2d(c, None, [2.0, 2.0])",
      "    c = c + torch.upsample_bilinear2d(c, [6, 6], False, None)",
      "    c = torch.constant_pad_nd(c, [1, 1, 1, 1], 0.0) + 1.0",
      "    e = torch.embedding(w, idx).sum()",
      "    l = torch.nll_loss(torch.log_softmax(h, 1), idx) + torch.mse_loss(h, h.detach() * 0.5)",
      "    return h.sum() + c.sum() + e + l + torch.bmm(x.unsqueeze(0), w.t().unsqueeze(0)).sum()", "");

  @Test
  void everyAttributeOfCommonOpsDecodes() {
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(0);
      Tensor x = torch.randn(3, 5).requires_grad_(true);
      Tensor w = torch.randn(4, 5).requires_grad_(true);
      Tensor b = torch.randn(4).requires_grad_(true);
      Tensor img = torch.randn(2, 3, 6, 6).requires_grad_(true);
      Tensor k = torch.randn(2, 3, 3, 3).requires_grad_(true);
      Tensor idx = Tensor.create(new long[] {0, 2, 1}, 3);
      Tensor y = script(OPS, x, w, b, img, k, idx);

      Graph graph = TorchViz.capture(List.of(y), Map.of("w", w, "b", b, "k", k), DETAILED);

      Map<String, List<String>> unknown = new TreeMap<>();
      TreeSet<String> classes = new TreeSet<>();
      for (Node node : graph.nodes()) {
        if (node.kind() == NodeKind.FUNCTION) {
          classes.add(node.name());
          node.attributes().stream().filter(a -> a.value().pythonText().equals("?"))
              .forEach(a -> unknown.computeIfAbsent(node.name(), n -> new java.util.ArrayList<>()).add(a.name()));
        }
      }
      assertThat(unknown).isEmpty();
      // 66 classes, among them those whose calls in libtorch_cpu.so come in another order than
      // the table's fields (optional scalars: code layout, not collection order).
      assertThat(classes).hasSizeGreaterThanOrEqualTo(66)
          .contains("IndexBackward0", "ClampBackward1", "VarBackward0", "StdBackward0", "NormBackward1",
              "NativeBatchNormBackward0", "UpsampleBilinear2DBackward0", "ConvolutionBackward0");
    }
  }

  static Tensor script(String source, Tensor... inputs) {
    CompilationUnit unit = new CompilationUnit();
    JitModule module = new JitModule(new QualifiedName("__torch__.Ops"), unit, true);
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
}
