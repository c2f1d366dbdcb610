package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.pytorch.TorchViz;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A LeNet-style convolutional network on 28x28 images: two {@code Conv2d(5x5)} + ReLU + {@code
 * MaxPool2d(2)} stages, then three linear layers. The picture shows {@code ConvolutionBackward0},
 * {@code MaxPool2DWithIndicesBackward0}, the {@code ViewBackward0} of the flatten and the linear
 * layers' {@code AddmmBackward0}.
 *
 * <p>Run it with {@code examples/run.sh Cnn} from the repository root; it writes {@code cnn.svg}
 * and {@code cnn.png} to the directory given as the first argument (default: the current
 * directory).
 */
public final class Cnn {
  private Cnn() {}

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
      Module model = new Module("CNN");
      Conv2dImpl conv1 = model.register_module("conv1", new Conv2dImpl(1, 6, new LongPointer(5L, 5L)));
      Conv2dImpl conv2 = model.register_module("conv2", new Conv2dImpl(6, 16, new LongPointer(5L, 5L)));
      LinearImpl fc1 = model.register_module("fc1", new LinearImpl(256, 120));
      LinearImpl fc2 = model.register_module("fc2", new LinearImpl(120, 84));
      LinearImpl fc3 = model.register_module("fc3", new LinearImpl(84, 10));

      Tensor x = torch.randn(2, 1, 28, 28);
      x = maxPool2d(torch.relu(conv1.forward(x)));
      x = maxPool2d(torch.relu(conv2.forward(x)));
      x = x.flatten(1, -1);
      x = torch.relu(fc1.forward(x));
      x = fc3.forward(torch.relu(fc2.forward(x)));

      Digraph dot = TorchViz.makeDot(x, model.named_parameters());
      for (String file : new String[] {"cnn.svg", "cnn.png"}) {
        System.out.println("wrote " + dot.save(directory.resolve(file)));
      }
    }
  }

  /** Python's {@code F.max_pool2d(x, 2)}: kernel 2x2, stride = kernel, no padding, dilation 1. */
  private static Tensor maxPool2d(Tensor x) {
    return torch.max_pool2d(x, new long[] {2, 2}, new long[] {}, new long[] {0, 0}, new long[] {1, 1}, false);
  }
}
