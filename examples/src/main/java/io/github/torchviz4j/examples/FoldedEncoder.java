package io.github.torchviz4j.examples;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.ModuleRecorder;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A 48-layer {@link TinyTransformer} drawn with its repeated layers folded: the first layer (whose
 * input needs no gradient, so it makes fewer backward nodes) stays apart, the 47 alike after it are
 * drawn once as {@code layers.1 … layers.47 (TransformerEncoderLayer ×47)}.
 *
 * <p>Run it with {@code examples/run.sh FoldedEncoder [DIR]} from the repository root; it writes
 * {@code encoder48-folded.svg} and {@code encoder48-folded.png} (every op of the kept layers) and
 * {@code encoder48-folded-depth2.png} (one box per layer), and {@code encoder48-folded.html}, the
 * interactive viewer, which opens folded and unfolds the 47 layers on a click.
 */
public final class FoldedEncoder {
  private FoldedEncoder() {}

  /**
   * Draws the folded encoder.
   *
   * @param args an optional output directory
   * @throws IOException if a picture cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".");
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(0);
      TinyTransformer model = new TinyTransformer(48);
      Digraph dot;
      try (ModuleRecorder modules = TorchViz.recordModules()) {
        Tensor y = model.forward(modules, torch.randn(2, 10, TinyTransformer.D_MODEL)).sum();
        dot = TorchViz.makeDot(List.of(y), model.named_parameters(), MakeDotOptions.defaults(), modules);
      }
      RenderOptions folded = RenderOptions.defaults().withClusters(true).withFold(true);
      System.out.println("captured " + dot.graph().nodes().size() + " nodes");
      System.out.println("wrote " + dot.withOptions(folded).save(directory.resolve("encoder48-folded.svg")));
      System.out.println("wrote " + dot.withOptions(folded).save(directory.resolve("encoder48-folded.png")));
      System.out.println("wrote " + dot.withOptions(folded).save(directory.resolve("encoder48-folded.html")));
      System.out.println("wrote " + dot.withOptions(folded.withDepth(2))
          .save(directory.resolve("encoder48-folded-depth2.png")));
    }
  }
}
