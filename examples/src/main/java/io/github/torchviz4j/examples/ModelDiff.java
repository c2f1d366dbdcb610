package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.ModuleRecorder;
import io.github.torchviz4j.pytorch.ModuleScope;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LayerNormImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * What changed between two models, drawn: a residual encoder ({@code x = norm(x + relu(linear(x)))}
 * per layer) with one more layer, whose new layer's nodes are all added (green), and a small MLP
 * whose ReLU became a GELU, the one changed node (orange, {@code ReluBackward0 → GeluBackward0}).
 *
 * <p>Run it with {@code examples/run.sh ModelDiff [DIR]} from the repository root; it writes
 * {@code diff-encoder.png}, {@code diff-encoder.html} (the viewer, with its "Changed only" toggle)
 * and {@code diff-gelu.png}, and prints each diff's summary.
 */
public final class ModelDiff {
  private ModelDiff() {}

  /**
   * Draws the two diffs.
   *
   * @param args an optional output directory
   * @throws IOException if a picture cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".");
    try (PointerScope scope = new PointerScope()) {
      GraphDiff layers = GraphDiff.of(encoder(2), encoder(3));
      System.out.println(layers.summary());
      Digraph encoder = Digraph.of(layers, RenderOptions.defaults());
      System.out.println("wrote " + encoder.save(directory.resolve("diff-encoder.png")));
      System.out.println("wrote " + encoder.save(directory.resolve("diff-encoder.html")));

      GraphDiff activation = GraphDiff.of(mlp(torch::relu), mlp(t -> torch.gelu(t)));
      System.out.println(activation.summary());
      System.out.println("wrote " + Digraph.of(activation, RenderOptions.defaults())
          .save(directory.resolve("diff-gelu.png")));
    }
  }

  /** A residual encoder of {@code layerCount} layers {@code layers.i}, each in its module scope. */
  static Graph encoder(int layerCount) {
    torch.manual_seed(0);
    Module model = new Module("Encoder");
    Module container = model.register_module("layers", new Module("ModuleList"));
    Tensor x = torch.randn(2, 8);
    try (ModuleRecorder modules = TorchViz.recordModules()) {
      for (int i = 0; i < layerCount; i++) {
        Module layer = container.register_module(String.valueOf(i), new Module("Block"));
        LinearImpl linear = layer.register_module("linear", new LinearImpl(8, 8));
        LayerNormImpl norm = layer.register_module("norm", new LayerNormImpl(new LongVector(new long[] {8})));
        try (ModuleScope block = modules.scope("layers." + i, "Block")) {
          Tensor input = x;
          Tensor hidden = modules.inModule(layer, linear, () -> torch.relu(linear.forward(input)));
          x = modules.inModule(layer, norm, () -> norm.forward(input.add(hidden)));
        }
      }
      return TorchViz.capture(List.of(x.sum()), params(model), MakeDotOptions.defaults(), modules);
    }
  }

  /** Linear(4, 16), an activation, Linear(16, 2): modules fc1 and fc2. */
  static Graph mlp(UnaryOperator<Tensor> activation) {
    torch.manual_seed(0);
    Module model = new Module("Mlp");
    LinearImpl fc1 = model.register_module("fc1", new LinearImpl(4, 16));
    LinearImpl fc2 = model.register_module("fc2", new LinearImpl(16, 2));
    Tensor y = fc2.forward(activation.apply(fc1.forward(torch.randn(3, 4))));
    return TorchViz.capture(List.of(y), params(model));
  }

  private static Map<String, Tensor> params(Module model) {
    var dict = model.named_parameters();
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (long i = 0; i < dict.size(); i++) {
      params.put(dict.get(i).key().getString(), new Tensor(dict.get(i).value()));
    }
    return params;
  }
}
