package io.github.torchviz4j.cli;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.pytorch.GradientCheck;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.Reduction;
import io.github.torchviz4j.pytorch.TorchScriptModel;
import io.github.torchviz4j.pytorch.export.ExportedProgram;
import io.github.torchviz4j.pytorch.export.ProgramRun;
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
    if (ExportedProgram.isArchive(model)) {
      if (train != null) {
        throw new Torchviz4jException("--train/--eval do not apply to a .pt2 archive: its graph was exported in"
            + " one mode; export it again in the other mode");
      }
      try (ExportedProgram program = ExportedProgram.load(model)) {
        boolean sample = inputSpecs.isEmpty() && inputFiles.isEmpty();
        ProgramRun run = program.run(sample ? program.sampleInputs() : GraphJob.inputs(inputSpecs, inputFiles, seed));
        return check(run.outputs(), run.namedParameters());
      }
    }
    try (TorchScriptModel loaded = TorchScriptModel.load(model)) {
      if (train != null) {
        loaded.train(train);
      }
      return check(loaded.forward(GraphJob.inputs(inputSpecs, inputFiles, seed)), loaded.namedParameters());
    }
  }

  private GradientCheck check(List<Tensor> forwardOutputs, Map<String, Tensor> params) {
    List<Tensor> outputs = new ArrayList<>(forwardOutputs);
    if (reduction != null) {
      outputs.replaceAll(reduction::apply);
    }
    return GradientCheck.run(outputs, params);
  }
}
