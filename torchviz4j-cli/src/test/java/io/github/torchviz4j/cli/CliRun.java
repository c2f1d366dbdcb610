package io.github.torchviz4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Runs the command in-process with string-backed out/err, with the subcommands when {@link Main} would add them. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(String... args) {
    return run(false, args);
  }

  static CliRun run(boolean stderrIsTerminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), stderrIsTerminal,
        Main.namesASubcommandOrHelp(args)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** A reference file copied from the torchviz reference set into the test resources. */
  static String ref(String caseName, String file) {
    try {
      return Path.of(Objects.requireNonNull(CliRun.class.getResource("/refs/" + caseName + "/" + file),
          "test resource refs/" + caseName + "/" + file).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
