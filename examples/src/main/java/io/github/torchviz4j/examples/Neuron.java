package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.BackwardStep;
import io.github.torchviz4j.graph.BackwardTrace;
import io.github.torchviz4j.graph.Gradient;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.TorchViz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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
 * (default: the current directory). The seed page goes on to {@code backward()}: the example then
 * replays that pass ({@code showBackward}), prints the gradients it sends (1 at the output, 0.42
 * out of {@code TanhBackward0}, {@code [0.42, 0.8399]} and 0.42 for the weight and the bias) and
 * writes {@code neuron-backward.png}, every edge labelled with its gradient.
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

  /** A small gradient's values, four decimals, as the picture labels them. */
  private static String values(Gradient gradient) {
    return gradient.values().stream().map(v -> String.format(Locale.ROOT, "%.4f", v))
        .collect(Collectors.joining(", ", "[", "]"));
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

      // What backward() would do, replayed one function at a time; the .grad fields stay empty.
      BackwardTrace trace = TorchViz.traceBackward(List.of(yPred), model.named_parameters());
      for (BackwardStep step : trace.steps()) {
        if (!step.name().equals("AccumulateGrad")) {
          System.out.printf("backward: %-15s received %s%n", step.name(), values(step.received().get(0)));
        }
      }
      for (String name : new String[] {"layer1.weight", "layer1.bias"}) {
        System.out.printf("backward: %-15s grad     %s%n", name, values(trace.parameterGradient(name).orElseThrow()));
      }
      Digraph backward = TorchViz.makeDot(List.of(yPred), model.named_parameters(),
          MakeDotOptions.builder().showBackward(true).build());
      System.out.println("wrote " + backward.save(directory.resolve("neuron-backward.png")).toAbsolutePath().normalize());
    }
  }
}
