package io.github.torchviz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.torchviz4j.internal.InputFiles;
import io.github.torchviz4j.pytorch.GradientCheck;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.Reduction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torchviz4j check MODEL [--input x.pt]}: runs forward and backward once and fails (exit 4)
 * when a parameter's gradient is missing, all zero, NaN or Inf: a gradient check for CI.
 */
@Command(
    name = CheckCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs forward and backward once on a TorchScript model or a .pt2 archive and prints one line per parameter"
          + " whose gradient is missing (not reached by the output, or detached), all zero, NaN or Inf.",
      "Exit codes: 0 every gradient healthy, 4 some are not, 1 failure, 2 usage error, 3 libtorch missing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  torchviz4j check model.pt --input x.pt --reduce sum",
      "  torchviz4j check model.pt2 --json > gradients.json"
    },
    exitCodeOnInvalidInput = ExitCode.USAGE,
    exitCodeOnExecutionException = ExitCode.FAILURE)
final class CheckCommand implements Callable<Integer> {
  /** The subcommand's name on the command line. */
  static final String NAME = "check";

  @Parameters(index = "0", paramLabel = "MODEL", description = "TorchScript archive (.pt) or torch.export archive (.pt2).")
  private Path model = Path.of("");

  @Mixin
  private ModelInputs inputs = new ModelInputs();

  @Option(names = "--reduce", paramLabel = "sum|mean",
      description = "Reduce each non-scalar output to a scalar before backward (output.sum() or output.mean()).")
  private @Nullable Reduction reduce;

  @Option(names = "--json", description = "Print every parameter and its gradient's state as JSON.")
  private boolean json;

  @Mixin
  private RunOptions run = new RunOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = run.commandLine().getOut();
    List<InputSpec> specs = inputs.specs(run.commandLine());
    InputFiles.requireReadable(model, "model");
    inputs.requireReadable();
    CheckJob job = new CheckJob(model, inputs.files, specs, inputs.seed, inputs.train(), reduce);
    GradientCheck check = LargeStack.call(job::run);
    if (json) {
      out.println(CliJson.MAPPER.writeValueAsString(toJson(check)));
    } else {
      check.problems().forEach(problem -> out.println(problem.describe()));
      out.println(check.healthy()
          ? String.format(Locale.ROOT, "%s: all %d parameters have a healthy gradient", model.getFileName(),
              check.parameters().size())
          : String.format(Locale.ROOT, "%s: %d of %d parameters without a healthy gradient", model.getFileName(),
              check.problems().size(), check.parameters().size()));
    }
    out.flush();
    return check.healthy() ? ExitCode.OK : ExitCode.UNHEALTHY_GRADIENTS;
  }

  private static ObjectNode toJson(GradientCheck check) {
    ObjectNode root = CliJson.MAPPER.createObjectNode();
    root.put("healthy", check.healthy());
    root.put("parameters", check.parameters().size());
    root.put("problems", check.problems().size());
    ArrayNode list = root.putArray("gradients");
    for (GradientCheck.ParameterGradient parameter : check.parameters()) {
      ObjectNode entry = list.addObject();
      entry.put("name", parameter.name());
      entry.put("module", parameter.module());
      entry.put("state", parameter.state().name().toLowerCase(Locale.ROOT));
      entry.put("healthy", !parameter.state().isProblem());
      if (Double.isFinite(parameter.norm())) {
        entry.put("norm", parameter.norm());
        entry.put("maxAbs", parameter.maxAbs());
      }
    }
    return root;
  }

}
