package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.pytorch.TorchViz;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A multi-layer perceptron for MNIST-sized inputs, PyTorch's {@code nn.Sequential(Linear(784, 256),
 * ReLU(), Linear(256, 64), ReLU(), Linear(64, 10))} followed by {@code log_softmax}: three blue
 * weight/bias pairs, each weight through a {@code TBackward0} into an {@code AddmmBackward0}.
 *
 * <p>Run it with {@code examples/run.sh Mlp} from the repository root; it writes {@code mlp.svg}
 * and {@code mlp.png} to the directory given as the first argument (default: the current
 * directory). Its DOT text is the one torchviz writes for the same model (the fidelity tests
 * compare them).
 */
public final class Mlp {
  private Mlp() {}

  /**
   * Runs the example.
   *
   * @param args an optional output directory
   * @throws IOException if a picture cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".");
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(0);
      // Registered as "0", "2", "4", as nn.Sequential names its children (ReLUs are 1 and 3).
      Module model = new Module("Sequential");
      LinearImpl l0 = model.register_module("0", new LinearImpl(784, 256));
      LinearImpl l2 = model.register_module("2", new LinearImpl(256, 64));
      LinearImpl l4 = model.register_module("4", new LinearImpl(64, 10));

      Tensor x = torch.randn(8, 784);
      Tensor h = torch.relu(l0.forward(x));
      h = torch.relu(l2.forward(h));
      Tensor y = torch.log_softmax(l4.forward(h), 1);

      Digraph dot = TorchViz.makeDot(y, model.named_parameters());
      for (String file : new String[] {"mlp.svg", "mlp.png"}) {
        System.out.println("wrote " + dot.save(directory.resolve(file)));
      }
    }
  }
}
