package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.TorchViz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * torchviz's detailed view, {@code make_dot(y, params, show_attrs=True, show_saved=True)}, on the
 * seed neuron followed by a squared-error loss: each backward function lists the attributes it
 * saved for the backward pass ({@code alpha}, {@code beta}, {@code mat1_sym_sizes}, ...) and the
 * tensors it saved are drawn as orange boxes named by field ({@code mat1}, {@code result}, ...).
 *
 * <p>Run it with {@code examples/run.sh SavedAndAttrs} from the repository root; it writes {@code
 * saved-attrs.svg} and {@code saved-attrs.png} to the directory given as the first argument
 * (default: the current directory).
 */
public final class SavedAndAttrs {
  private SavedAndAttrs() {}

  /**
   * Runs the example.
   *
   * @param args an optional output directory
   * @throws IOException if a picture cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".");
    try (PointerScope scope = new PointerScope()) {
      Module model = new Module("Neural_Network");
      LinearImpl layer1 = model.register_module("layer1", new LinearImpl(2, 1));
      try (NoGradGuard noGrad = new NoGradGuard()) {
        layer1.weight().copy_(Tensor.create(new float[] {0.6f, -0.2f}, 1, 2));
        layer1.bias().copy_(Tensor.create(new float[] {0.8f}, 1));
      }
      Tensor yPred = torch.tanh(layer1.forward(Tensor.create(new float[] {1, 2}, 1, 2)));
      Tensor loss = torch.mse_loss(yPred, Tensor.create(new float[] {1}, 1, 1));

      MakeDotOptions detailed = MakeDotOptions.builder().showSaved(true).showAttrs(true).maxAttrChars(50).build();
      Digraph dot = TorchViz.makeDot(List.of(loss), model.named_parameters(), detailed);
      for (String file : new String[] {"saved-attrs.svg", "saved-attrs.png"}) {
        System.out.println("wrote " + dot.save(directory.resolve(file)));
      }
    }
  }
}
