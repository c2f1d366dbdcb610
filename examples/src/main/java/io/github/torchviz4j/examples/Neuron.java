package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.pytorch.TorchViz;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The seed tutorial, in Java: one neuron ({@code Linear(2, 1)} and tanh), its weights set by hand,
 * one forward pass, and the autograd graph drawn as torchviz's {@code make_dot} draws it.
 *
 * <p>Run it with {@code ./seed-example.sh} from the repository root; it prints {@code y_pred} and
 * writes {@code neuron.svg} and {@code neuron.png} to the directory given as the first argument
 * (default: the current directory).
 */
public final class Neuron {
  private Neuron() {}

  /** The tutorial's {@code Neural_Network}: {@code output = tanh(layer1(input))}. */
  static final class NeuralNetwork extends Module {
    final LinearImpl layer1 = register_module("layer1", new LinearImpl(2, 1));

    Tensor forward(Tensor input) {
      return torch.tanh(layer1.forward(input));
    }
  }

  /**
   * Runs the example.
   *
   * @param args an optional output directory
   * @throws IOException if a picture cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".");
    try (PointerScope scope = new PointerScope()) {
      NeuralNetwork model = new NeuralNetwork();
      try (NoGradGuard noGrad = new NoGradGuard()) {
        model.layer1.weight().copy_(Tensor.create(new float[] {0.6f, -0.2f}, 1, 2));
        model.layer1.bias().copy_(Tensor.create(new float[] {0.8f}, 1));
      }
      Tensor xTrain = Tensor.create(new float[] {1, 2}, 1, 2);

      Tensor yPred = model.forward(xTrain);
      String gradFn = yPred.grad_fn().name().getString().replaceAll(".*::", "");
      System.out.printf("y_pred = tensor([[%.4f]], grad_fn=<%s>)%n", yPred.item_float(), gradFn);

      Digraph dot = TorchViz.makeDot(yPred, model.named_parameters());
      for (String file : new String[] {"neuron.svg", "neuron.png"}) {
        System.out.println("wrote " + dot.save(directory.resolve(file)).toAbsolutePath().normalize());
      }
    }
  }
}
