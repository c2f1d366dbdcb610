package io.github.torchviz4j.cli;

import io.github.torchviz4j.pytorch.QuickExit;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of the runnable jar: {@code java -jar torchviz4j.jar MODEL.pt -o OUT [options]}. */
public final class Main {
  /**
   * System property: {@code true} ends the process without libtorch's static destructors
   * ({@link QuickExit}). The launcher sets it, except in a run whose exit makes the
   * class-data-sharing archive.
   */
  static final String QUICK_EXIT = "torchviz4j.quickExit";

  private Main() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    // picocli's default factory otherwise looks for Groovy's Closure class through every jar of the
    // class path when it starts: 10 ms of the command's start-up, for annotations we never write.
    System.setProperty("picocli.disable.closures", "true");
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    int code = commandLine(out, err, stderrIsTerminal(), namesASubcommandOrHelp(args)).execute(args);
    out.flush();
    err.flush();
    if (Boolean.getBoolean(QUICK_EXIT)) {
      QuickExit.exit(code);
    }
    System.exit(code);
  }

  /**
   * The configured command line: our error handler, case-insensitive enum values, the given writers.
   *
   * @param out where results and help go
   * @param err where progress and errors go
   * @param stderrIsTerminal whether progress may be shown
   * @return the command line, ready to {@code execute(args)}
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean stderrIsTerminal) {
    return commandLine(out, err, stderrIsTerminal, true);
  }

  /**
   * The command line, with the subcommands only when asked: picocli builds each command's model
   * from its annotations up front, and the two subcommands' took 15 ms of every drawing run's
   * start-up.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean stderrIsTerminal,
      boolean withSubcommands) {
    CommandLine commandLine = new CommandLine(new Torchviz4jCommand(stderrIsTerminal));
    if (withSubcommands) {
      commandLine.addSubcommand(new CheckCommand());
      commandLine.addSubcommand(new DiffCommand());
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorHandler errors = new ErrorHandler();
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    return commandLine;
  }

  /**
   * Whether the arguments may need the subcommands: none at all (usage), a help option (whose
   * usage lists them), or a subcommand's name anywhere (after options such as {@code -q}).
   */
  static boolean namesASubcommandOrHelp(String[] args) {
    if (args.length == 0) {
      return true;
    }
    for (String arg : args) {
      switch (arg) {
        case CheckCommand.NAME, DiffCommand.NAME, "-h", "--help" -> {
          return true;
        }
        default -> { }
      }
    }
    return false;
  }

  /**
   * Whether stderr is a terminal: on Linux from {@code /proc/self/fd/2}, elsewhere from
   * {@link System#console()} (which looks at stdin and stdout).
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through
    }
    return System.console() != null;
  }
}
