package io.github.torchviz4j.cli;

import io.github.torchviz4j.pytorch.GradientCheck;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.Reduction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * The libtorch part of {@code torchviz4j check}: load a TorchScript model or a {@code .pt2} archive,
 * run forward on the inputs (a {@code .pt2}'s sample inputs when none are given), reduce, run
 * backward and check every parameter's gradient.
 *
 * @param model the model file
 * @param inputFiles tensors saved by {@code torch.save}, or empty
 * @param inputSpecs random inputs, or empty
 * @param seed the seed for random inputs
 * @param train the module mode for TorchScript, or null to keep the file's
 * @param reduction how to reduce non-scalar outputs, or null
 */
record CheckJob(Path model, List<Path> inputFiles, List<InputSpec> inputSpecs, long seed, @Nullable Boolean train,
    @Nullable Reduction reduction) {

  GradientCheck run() {
    ModelRun run = ModelRun.of(model, inputFiles, inputSpecs, seed, train);
    return check(run.outputs(), run.params());
  }

  private GradientCheck check(List<Tensor> forwardOutputs, Map<String, Tensor> params) {
    List<Tensor> outputs = new ArrayList<>(forwardOutputs);
    if (reduction != null) {
      outputs.replaceAll(reduction::apply);
    }
    return GradientCheck.run(outputs, params);
  }
}
