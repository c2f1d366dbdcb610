package io.github.torchviz4j.cli;

import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.Reduction;
import io.github.torchviz4j.pytorch.TorchViz;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The libtorch part of {@code torchviz4j diff}: run two model files (or one file in two modes) on
 * the same inputs, capture both autograd graphs, and diff them.
 *
 * @param before the model before
 * @param after the model after (the same file for a mode diff)
 * @param inputFiles tensors saved by {@code torch.save}, or empty
 * @param inputSpecs random inputs, or empty
 * @param seed the seed for random inputs; both runs use the same inputs
 * @param beforeTrain the mode of the run before, or null for the file's
 * @param afterTrain the mode of the run after, or null for the file's
 * @param reduction how to reduce non-scalar outputs, or null
 */
record DiffJob(Path before, Path after, List<Path> inputFiles, List<InputSpec> inputSpecs, long seed,
    @Nullable Boolean beforeTrain, @Nullable Boolean afterTrain, @Nullable Reduction reduction) {

  GraphDiff run() {
    return GraphDiff.of(capture(before, beforeTrain), capture(after, afterTrain));
  }

  private Graph capture(Path model, @Nullable Boolean train) {
    ModelRun run = ModelRun.of(model, inputFiles, inputSpecs, seed, train);
    List<org.bytedeco.pytorch.Tensor> outputs = new ArrayList<>(run.outputs());
    if (reduction != null) {
      outputs.replaceAll(reduction::apply);
    }
    return TorchViz.capture(outputs, run.params(), MakeDotOptions.defaults());
  }
}
