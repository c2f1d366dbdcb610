package io.github.torchviz4j.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What the subcommands share: {@code --verbose} (read by {@link ErrorHandler}) and their command line. */
final class RunOptions {
  @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
  boolean verbose;

  @Spec(Spec.Target.MIXEE)
  private @Nullable CommandSpec spec;

  /** @return the command line of the command this is mixed into */
  CommandLine commandLine() {
    if (spec == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return spec.commandLine();
  }

  /**
   * A usage error of that command (exit 2, one line and a pointer to --help).
   *
   * @param message what is wrong and how to fix it
   * @return the exception to throw
   */
  ParameterException usage(String message) {
    return new ParameterException(commandLine(), message);
  }
}
