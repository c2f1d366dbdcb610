package io.github.torchviz4j.cli;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.TorchScriptModel;
import io.github.torchviz4j.pytorch.export.ExportedProgram;
import io.github.torchviz4j.pytorch.export.ProgramRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A model file run forward once, for the commands that differentiate it ({@code check}, {@code
 * diff}): its outputs, which carry the autograd graph, and its named parameters. A {@code .pt2}
 * runs its sample inputs when none are given.
 *
 * @param outputs the forward outputs, flattened
 * @param params the parameters by name, in the module's order
 */
record ModelRun(List<Tensor> outputs, Map<String, Tensor> params) {

  static ModelRun of(Path model, List<Path> inputFiles, List<InputSpec> inputSpecs, long seed, @Nullable Boolean train) {
    if (ExportedProgram.isArchive(model)) {
      if (train != null) {
        throw new Torchviz4jException("--train/--eval do not apply to a .pt2 archive: its graph was exported in"
            + " one mode; export it again in the other mode");
      }
      try (ExportedProgram program = ExportedProgram.load(model)) {
        boolean sample = inputSpecs.isEmpty() && inputFiles.isEmpty();
        ProgramRun run = program.run(sample ? program.sampleInputs() : GraphJob.inputs(inputSpecs, inputFiles, seed));
        return new ModelRun(run.outputs(), run.namedParameters());
      }
    }
    try (TorchScriptModel loaded = TorchScriptModel.load(model)) {
      if (train != null) {
        loaded.train(train);
      }
      return new ModelRun(loaded.forward(GraphJob.inputs(inputSpecs, inputFiles, seed)), loaded.namedParameters());
    }
  }
}
