package io.github.torchviz4j.cli;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.internal.InputFiles;
import io.github.torchviz4j.pytorch.InputSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The forward inputs and module mode of a model file, as options shared by commands that run one. */
final class ModelInputs {
  @Option(names = "--input", paramLabel = "FILE.pt",
      description = "A tensor saved by Python's torch.save; repeat once per forward argument, in order.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--input-shape", paramLabel = "SHAPE[:DTYPE[:LOW..HIGH]]",
      description = "A random input, as for drawing (e.g. 1,3,224,224 or 1,128:int64:0..30522); repeat per argument.")
  List<String> shapes = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
      description = "Seed for --input-shape values (torch.manual_seed). Default: ${DEFAULT-VALUE}.")
  long seed;

  @ArgGroup(exclusive = true)
  Torchviz4jCommand.@Nullable Mode mode;

  /**
   * The random-input specs, parsed and checked against the input files.
   *
   * @param commandLine the command, for usage errors
   * @return the specs, empty when none were given
   * @throws ParameterException naming a malformed spec, or both kinds of input given
   */
  List<InputSpec> specs(CommandLine commandLine) {
    List<InputSpec> specs = new ArrayList<>(shapes.size());
    for (String text : shapes) {
      try {
        specs.add(InputSpec.parse(text));
      } catch (Torchviz4jException e) {
        throw new ParameterException(commandLine, "--input-shape " + text + ": " + e.getMessage(), e);
      }
    }
    if (!specs.isEmpty() && !files.isEmpty()) {
      throw new ParameterException(commandLine,
          "give the forward inputs either as --input files or as --input-shape specs, not both");
    }
    return specs;
  }

  /**
   * Checks that every input file can be read.
   *
   * @throws io.github.torchviz4j.Torchviz4jException naming the file and the problem
   */
  void requireReadable() {
    for (Path file : files) {
      InputFiles.requireReadable(file, "input");
    }
  }

  /** @return true for train mode, false for eval, null to keep the file's mode */
  @Nullable Boolean train() {
    return mode == null ? null : Boolean.valueOf(mode.train);
  }
}
