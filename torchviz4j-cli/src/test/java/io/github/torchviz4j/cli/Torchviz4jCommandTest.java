package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.pytorch.LibtorchUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class Torchviz4jCommandTest {
  @TempDir Path dir;

  private final String neuron = CliRun.ref("neuron", "model.pt");
  private final String neuronInput = CliRun.ref("neuron", "input.pt");

  /** main registers the subcommands only for a command line that may need them (Main#commandLine). */
  @Test
  void theSubcommandsAreAddedOnlyWhenTheCommandLineNamesOneOrAsksForHelp() {
    assertThat(Main.namesASubcommandOrHelp(new String[0])).isTrue();
    assertThat(Main.namesASubcommandOrHelp(new String[] {"check", "m.pt"})).isTrue();
    assertThat(Main.namesASubcommandOrHelp(new String[] {"-q", "diff", "a.pt", "b.pt"})).isTrue();
    assertThat(Main.namesASubcommandOrHelp(new String[] {"m.pt", "--help"})).isTrue();
    assertThat(Main.namesASubcommandOrHelp(new String[] {"-h"})).isTrue();
    assertThat(Main.namesASubcommandOrHelp(new String[] {"m.pt", "--input", "x.pt", "-o", "m.svg"})).isFalse();
    assertThat(Main.namesASubcommandOrHelp(new String[] {"--version"})).isFalse();
  }

  @Test
  void helpAndVersion() {
    CliRun help = CliRun.run("--help");
    CliRun version = CliRun.run("--version");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: torchviz4j", "--input-shape", "--reduce", "Exit codes")
        .containsPattern("(?s)Commands:\\s+check\\s.*\\n\\s+diff\\s");
    assertThat(help.err()).isEmpty();
    assertThat(version.exitCode()).isZero();
    // The versions come from the build (surefire's system properties), never literals.
    String pytorch = System.getProperty("torchviz4j.test.pytorchVersion");
    assertThat(pytorch).as("surefire passes the pom's pytorch.version").contains("-");
    assertThat(version.out()).startsWith("torchviz4j " + System.getProperty("torchviz4j.test.projectVersion") + "\n")
        .contains("libtorch " + pytorch.substring(0, pytorch.indexOf('-')) + " (bytedeco pytorch " + pytorch
            + ", javacpp " + System.getProperty("torchviz4j.test.javacppVersion") + ")");
  }

  @Test
  void writesSvgAndPrintsOneLineSummary() throws Exception {
    Path out = dir.resolve("neuron.svg");

    CliRun run = CliRun.run(neuron, "--input", neuronInput, "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).matches("wrote \\S+neuron\\.svg: 8 nodes, 7 edges, \\d+\\.\\d s\\n");
    assertThat(run.err()).as("no progress when stderr is not a terminal").isEmpty();
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getTextContent()).contains("layer1.weight", "TanhBackward0");
  }

  @Test
  void progressOnTerminalPerPhaseAndQuietSilencesAll() {
    CliRun shown = CliRun.run(true, neuron, "--input", neuronInput, "-o", dir.resolve("a.gv").toString());
    CliRun quiet = CliRun.run(true, neuron, "--input", neuronInput, "-o", dir.resolve("b.gv").toString(), "-q");

    assertThat(shown.exitCode()).isZero();
    assertThat(shown.err().lines()).hasSize(4);
    assertThat(shown.err()).containsPattern("torchviz4j: load +\\d+\\.\\d\\d s  model\\.pt: 2 parameters, forward\\(x: Tensor\\), train mode")
        .containsPattern("forward +\\d+\\.\\d\\d s  1 output")
        .containsPattern("capture +\\d+\\.\\d\\d s  8 nodes, 7 edges")
        .containsPattern("write +\\d+\\.\\d\\d s  .*b?\\.gv \\(dot\\)");
    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.out()).isEmpty();
    assertThat(quiet.err()).isEmpty();
    assertThat(dir.resolve("b.gv")).exists();
  }

  @Test
  void formatOptionOverridesTheExtension() throws IOException {
    Path out = dir.resolve("graph.txt");

    CliRun run = CliRun.run(neuron, "--input", neuronInput, "-o", out.toString(), "--format", "DOT");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out)).startsWith("digraph {");
  }

  @Test
  void randomIntegerInputsWithRangeAndSeed() throws IOException {
    // neuron takes floats: an int64 input fails inside libtorch, naming the argument and dtype.
    CliRun run = CliRun.run(neuron, "--input-shape", "1,2:int64:0..5", "--seed", "3", "-o", dir.resolve("n.gv").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("x = int64 (1, 2)", "must have the same dtype");
  }

  @Test
  void reduceMeanAddsMeanBackward() throws IOException {
    Path out = dir.resolve("mean.gv");

    CliRun run = CliRun.run(CliRun.ref("transformer", "model.pt"), "--input", CliRun.ref("transformer", "input.pt"),
        "--reduce", "MEAN", "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out)).contains("label=MeanBackward0").doesNotContain("SumBackward0");
    assertThat(nodeCount(out)).isEqualTo(175);
  }

  @Test
  void evalAndTrainSetTheModuleMode() throws IOException {
    String model = CliRun.ref("transformer", "model.pt");
    String input = CliRun.ref("transformer", "input.pt");
    Path train = dir.resolve("train.gv");
    Path eval = dir.resolve("eval.gv");

    CliRun trainRun = CliRun.run(true, model, "--input", input, "--train", "-o", train.toString());
    CliRun evalRun = CliRun.run(true, model, "--input", input, "--eval", "-o", eval.toString());

    assertThat(trainRun.err()).contains("train mode");
    assertThat(evalRun.err()).contains("eval mode");
    // torch.jit.trace froze dropout as torch.dropout(x, 0.1, True): a traced model keeps the mode it
    // was traced in, so its graph (dropout as MulBackward0) is the same in both modes.
    assertThat(nodeCount(eval)).isEqualTo(nodeCount(train));
  }

  @Test
  void showSavedAndShowAttrsAreAccepted() {
    CliRun run = CliRun.run(neuron, "--input", neuronInput, "--show-saved", "--show-attrs", "--max-attr-chars", "20",
        "-o", dir.resolve("attrs.gv").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("attrs.gv")).exists();
  }

  @Test
  void missingModelFile() {
    Path out = dir.resolve("x.svg");

    CliRun run = CliRun.run(dir.resolve("absent.pt").toString(), "--input-shape", "1,2", "-o", out.toString());

    assertFailure(run, 1, "cannot read model '" + dir.resolve("absent.pt") + "': no such file");
    assertThat(out).doesNotExist();
  }

  @Test
  void fileThatIsNotTorchScript() throws IOException {
    Path text = Files.writeString(dir.resolve("model.pt"), "hello");

    assertFailure(CliRun.run(text.toString(), "-o", dir.resolve("x.gv").toString()), 1, "is not a TorchScript archive");
    assertFailure(CliRun.run(neuronInput, "-o", dir.resolve("x.gv").toString()), 1,
        "it is a file saved by torch.save");
  }

  @Test
  void forwardWithWrongShapeShowsLibtorchMessageOnOneLineAndKeepsOldOutput() throws IOException {
    Path out = Files.writeString(dir.resolve("old.svg"), "old");

    CliRun run = CliRun.run(neuron, "--input-shape", "3,5", "-o", out.toString());

    assertFailure(run, 1, "forward of '" + neuron + "' failed with x = float32 (3, 5):"
        + " mat1 and mat2 shapes cannot be multiplied (3x5 and 2x1)");
    assertThat(Files.readString(out)).isEqualTo("old");
    assertThat(dir.toFile().list()).containsExactly("old.svg");
  }

  @Test
  void wrongNumberOfInputs() {
    CliRun run = CliRun.run(neuron, "--input", neuronInput, "--input", neuronInput, "-o", dir.resolve("x.gv").toString());

    assertFailure(run, 1, "takes 1 argument (x: Tensor) but 2 inputs were given");
  }

  @Test
  void unknownOutputExtensionIsAUsageError() {
    CliRun run = CliRun.run(neuron, "--input", neuronInput, "-o", dir.resolve("graph.bmp").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot tell the output format of", "graph.bmp", "--format");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void aUsageErrorPrintsItsMessageAndAPointerToHelpNotTheHelp() {
    String out = dir.resolve("g.gv").toString();
    List<CliRun> runs = List.of(
        CliRun.run(neuron, "--input", neuronInput, "-o", dir.resolve("out.xyz").toString()),
        CliRun.run(neuron, "--input", neuronInput, "-o", dir.resolve("out").toString()),
        CliRun.run(neuron, "--input-shape", "1,x", "-o", out),
        CliRun.run(neuron, "--input-shape", "1,2", "--depth", "-1", "-o", out),
        CliRun.run(neuron, "--input-shape", "1,2", "--input", neuronInput, "-o", out),
        CliRun.run(neuron, "--engine", "nope", "-o", out),
        CliRun.run(neuron));

    for (CliRun run : runs) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines().toList()).as(run.err()).hasSize(2);
      assertThat(run.err()).startsWith("torchviz4j: ")
          .endsWith("Try 'torchviz4j --help' for more information.\n")
          .doesNotContain("Usage:", "--show-saved");
    }
    assertThat(runs.get(0).err()).contains("out.xyz");
    assertThat(runs.get(1).err()).contains("cannot tell the output format of");
    assertThat(runs.get(3).err()).contains("--depth is -1");
    assertThat(runs.get(4).err()).contains("either as --input files or as --input-shape specs");
    assertThat(dir.resolve("g.gv")).doesNotExist();
  }

  @Test
  void unknownOptionKeepsPicocliSuggestion() {
    CliRun run = CliRun.run(neuron, "--show-save", "-o", dir.resolve("g.gv").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("torchviz4j: Unknown option: '--show-save'")
        .contains("--show-saved").endsWith("Try 'torchviz4j --help' for more information.\n")
        .doesNotContain("Usage:");
  }

  @Test
  void outputHelpListsEveryFormatTheCommandWrites() {
    String help = CliRun.run("--help").out().replaceAll("\\s+", " ");
    int start = help.indexOf("-o, --output=FILE");
    String output = help.substring(start, help.indexOf("--input=FILE.pt", start));

    for (io.github.torchviz4j.render.Format format : io.github.torchviz4j.render.Format.values()) {
      for (String extension : format.extensions()) {
        assertThat(output).as(format.name()).containsPattern("\\b" + extension + "\\b");
      }
    }
  }

  @Test
  void missingOrReadOnlyOutputDirectory() throws IOException {
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));

    CliRun missing = CliRun.run(neuron, "--input", neuronInput, "-o", dir.resolve("no/such/dir/g.svg").toString());
    CliRun denied = CliRun.run(neuron, "--input", neuronInput, "-o", readOnly.resolve("g.svg").toString());

    assertFailure(missing, 1, "directory '" + dir.resolve("no/such/dir") + "' does not exist; create it first");
    assertFailure(denied, 1, "is read-only");
    assertThat(readOnly.toFile().list()).isEmpty();
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void usageErrors() {
    String out = dir.resolve("g.gv").toString();

    assertThat(CliRun.run(neuron, "--input-shape", "1,x", "-o", out).exitCode()).isEqualTo(2);
    assertThat(CliRun.run(neuron, "--input-shape", "1,2", "--input", neuronInput, "-o", out).err())
        .contains("either as --input files or as --input-shape specs");
    assertThat(CliRun.run(neuron, "--train", "--eval", "-o", out).exitCode()).isEqualTo(2);
    assertThat(CliRun.run(neuron, "--engine", "nope", "-o", out).exitCode()).isEqualTo(2);
    assertThat(CliRun.run(neuron, "--reduce", "max", "-o", out).exitCode()).isEqualTo(2);
    assertThat(CliRun.run(neuron, "--format", "bmp", "-o", out).exitCode()).isEqualTo(2);
    assertThat(CliRun.run(neuron).err()).contains("Missing required option: '--output=FILE'");
    assertThat(CliRun.run(neuron, "-o", neuron, "--format", "dot").err()).contains("is the input file");
    assertThat(dir.resolve("g.gv")).doesNotExist();
  }

  @Test
  void verboseShowsTheStackTrace() {
    CliRun plain = CliRun.run(neuron, "--input-shape", "3,5", "-o", dir.resolve("g.gv").toString());
    CliRun verbose = CliRun.run(neuron, "--input-shape", "3,5", "-o", dir.resolve("g.gv").toString(), "--verbose");

    assertThat(plain.err()).doesNotContain("\tat ");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat io.github.torchviz4j.pytorch.TorchScriptModel.forward");
  }

  @Test
  void errorHandlerMapsLibtorchMissingToThreeAndOthersToOne() {
    assertThat(failWith(new LibtorchUnavailableException("cannot load libtorch", new UnsatisfiedLinkError("x"))).exitCode())
        .isEqualTo(3);
    assertThat(failWith(new Torchviz4jException("bad")).err()).isEqualTo("torchviz4j: bad\n");
    CliRun bug = failWith(new IllegalStateException("oops"));
    assertThat(bug.exitCode()).isEqualTo(1);
    assertThat(bug.err()).contains("internal error: java.lang.IllegalStateException: oops", "--verbose");
  }

  private static CliRun failWith(Exception error) {
    @Command(name = "failing")
    final class Failing implements Callable<Integer> {
      @Override
      public Integer call() throws Exception {
        throw error;
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Failing()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .setExecutionExceptionHandler(new ErrorHandler()).execute();
    return new CliRun(code, out.toString(), err.toString());
  }

  private static void assertFailure(CliRun run, int code, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(message);
    assertThat(run.err()).as("one line, no stack trace").hasLineCount(1).startsWith("torchviz4j: ");
  }

  private static long nodeCount(Path dot) throws IOException {
    return Files.readAllLines(dot).stream().filter(line -> line.matches("\\t\\S+ \\[label=.*")).count();
  }
}
