package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.ModuleRecorder;
import io.github.torchviz4j.pytorch.ModuleScope;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DropoutImpl;
import org.bytedeco.pytorch.LayerNormImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.MultiheadAttentionImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A two-layer transformer encoder (d_model 64, 4 heads, feed-forward 128, batch first, post-norm),
 * written as PyTorch's {@code TransformerEncoderLayer} computes it, with every submodule's forward
 * run inside a module scope so the picture groups the ops by module.
 *
 * <p>Run it with {@code examples/run.sh TinyTransformer [DIR]} from the repository root; it writes
 * {@code transformer-clusters.png} (all modules as dashed boxes) and {@code transformer-depth1.png}
 * (one box per layer: {@code layers.0} is depth 2, as torchview counts).
 */
public final class TinyTransformer extends Module {
  static final int D_MODEL = 64;
  private final List<EncoderLayer> layers;

  /**
   * Creates the encoder with {@code layerCount} layers, registered as {@code layers.0},
   * {@code layers.1}, ... as in PyTorch's {@code TransformerEncoder}.
   *
   * @param layerCount number of encoder layers
   */
  public TinyTransformer(int layerCount) {
    super("TransformerEncoder");
    Module container = register_module("layers", new Module("ModuleList"));
    List<EncoderLayer> created = new java.util.ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      created.add(container.register_module(String.valueOf(i), new EncoderLayer()));
    }
    this.layers = List.copyOf(created);
  }

  /**
   * Runs the encoder, each layer in its scope.
   *
   * @param modules records the module scopes of this forward pass
   * @param x input of shape (batch, sequence, 64)
   * @return the encoded sequence, same shape
   */
  public Tensor forward(ModuleRecorder modules, Tensor x) {
    for (int i = 0; i < layers.size(); i++) {
      try (ModuleScope scope = modules.scope("layers." + i, "TransformerEncoderLayer")) {
        x = layers.get(i).forward(modules, x);
      }
    }
    return x;
  }

  /** PyTorch's TransformerEncoderLayer: x = norm1(x + sa(x)); x = norm2(x + ff(x)). */
  static final class EncoderLayer extends Module {
    final MultiheadAttentionImpl selfAttn = register_module("self_attn", new MultiheadAttentionImpl(D_MODEL, 4));
    final LinearImpl linear1 = register_module("linear1", new LinearImpl(D_MODEL, 128));
    final DropoutImpl dropout = register_module("dropout", new DropoutImpl(0.1));
    final LinearImpl linear2 = register_module("linear2", new LinearImpl(128, D_MODEL));
    final LayerNormImpl norm1 = register_module("norm1", new LayerNormImpl(new LongVector(new long[] {D_MODEL})));
    final LayerNormImpl norm2 = register_module("norm2", new LayerNormImpl(new LongVector(new long[] {D_MODEL})));
    final DropoutImpl dropout1 = register_module("dropout1", new DropoutImpl(0.1));
    final DropoutImpl dropout2 = register_module("dropout2", new DropoutImpl(0.1));

    EncoderLayer() {
      super("TransformerEncoderLayer");
    }

    Tensor forward(ModuleRecorder modules, Tensor x) {
      Tensor attention = modules.inModule(this, selfAttn, () -> {
        // batch_first: MultiheadAttention works on (sequence, batch, features).
        Tensor sequenceFirst = x.transpose(0, 1);
        return selfAttn.forward(sequenceFirst, sequenceFirst, sequenceFirst).get0().transpose(0, 1);
      });
      Tensor h = modules.inModule(this, norm1,
          () -> norm1.forward(x.add(modules.inModule(this, dropout1, () -> dropout1.forward(attention)))));
      Tensor hidden = modules.inModule(this, linear1, () -> linear1.forward(h));
      Tensor activated = modules.inModule(this, dropout, () -> dropout.forward(torch.relu(hidden)));
      Tensor fed = modules.inModule(this, linear2, () -> linear2.forward(activated));
      return modules.inModule(this, norm2,
          () -> norm2.forward(h.add(modules.inModule(this, dropout2, () -> dropout2.forward(fed)))));
    }
  }

  /**
   * Draws the encoder's autograd graph with module clusters, and collapsed to one box per layer.
   *
   * @param args an optional output directory
   * @throws IOException if a picture cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".");
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(0);
      TinyTransformer model = new TinyTransformer(2);
      RenderOptions clusters = RenderOptions.defaults().withClusters(true);
      Digraph dot;
      try (ModuleRecorder modules = TorchViz.recordModules()) {
        Tensor y = model.forward(modules, torch.randn(2, 10, D_MODEL)).sum();
        dot = TorchViz.makeDot(List.of(y), model.named_parameters(), MakeDotOptions.defaults(), modules)
            .withOptions(clusters);
      }
      System.out.println("wrote " + dot.save(directory.resolve("transformer-clusters.png")));
      System.out.println("wrote " + dot.withOptions(clusters.withDepth(2)).save(directory.resolve("transformer-depth1.png")));
    }
  }
}
