package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.drawing.GradientFlow;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.render.flow.GradientFlowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Gradients on the graph: a small network with a forgotten head, after {@code loss.backward()}.
 * Parameters are coloured by their gradient's norm; the head that never reaches the loss is listed
 * beside the graph, and the gradient-flow chart summarises each layer.
 *
 * <p>Run it with {@code examples/run.sh Gradients [DIR]} from the repository root; it writes
 * {@code gradients.png} and {@code grad-flow.png}.
 */
public final class Gradients {
  private Gradients() {}

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
      Module model = new Module("Net");
      LinearImpl hidden = model.register_module("hidden", new LinearImpl(4, 3));
      LinearImpl out = model.register_module("out", new LinearImpl(3, 1));
      model.register_module("unused_head", new LinearImpl(3, 2));

      Tensor loss = out.forward(torch.relu(hidden.forward(torch.randn(8, 4)))).pow(new org.bytedeco.pytorch.Scalar(2)).mean();
      loss.backward();

      MakeDotOptions gradients = MakeDotOptions.builder().showGradients(true).showValues(3).build();
      Digraph dot = TorchViz.makeDot(List.of(loss), model.named_parameters(), gradients);
      System.out.println("wrote " + dot.save(directory.resolve("gradients.png")));
      System.out.println("wrote " + GradientFlowWriter.save(GradientFlow.of(dot.graph()), directory.resolve("grad-flow.png")));
    }
  }
}
