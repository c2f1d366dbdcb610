package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command's DOT for each reference TorchScript model (model.pt + input.pt from the torchviz reference set)
 * equals what the real torchviz drew for the eager model (dot.canon.gv), after renaming node ids.
 */
class FidelityTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"neuron", "mlp", "multi_output", "big_chain"})
  void dotMatchesTorchvizReference(String caseName) throws IOException {
    // big_chain: a scripted 2,000-step loop over an input that requires grad, drawn unnamed as the
    // reference's params={} does; the interpreter needs the command's large stack.
    assertThat(dot(caseName)).isEqualTo(read(CliRun.ref(caseName, "dot.canon.gv")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"views", "views_output", "views_leaf"})
  void viewCasesMatchWhenInputsAreNamed(String caseName) throws IOException {
    // The reference passed params={'w': w}; in model.pt, w is forward's argument (input.pt requires
    // grad), not a parameter. --name-inputs names it after forward(self, w).
    assertThat(dot(caseName, "--name-inputs")).isEqualTo(read(CliRun.ref(caseName, "dot.canon.gv")));
    assertThat(dot(caseName)).as("unnamed without --name-inputs")
        .isEqualTo(read(CliRun.ref(caseName, "dot.canon.gv")).replace("[label=\"w\n", "[label=\"\n"));
  }

  @Test
  void transformerMatchesWithReduceSum() throws IOException {
    // The reference is make_dot(model(x).sum()); model.pt is the encoder alone. Train mode (as
    // saved): dropout shows as MulBackward0, as in the reference.
    assertThat(dot("transformer", "--reduce", "sum")).isEqualTo(read(CliRun.ref("transformer", "dot.canon.gv")));
  }

  @Test
  void cnnDiffersOnlyInTheConvolutionNodeTracingRecords() throws IOException {
    // torch.jit.trace records conv2d as aten::_convolution, whose backward node is
    // ConvolutionBackward1; eager PyTorch (the reference) calls aten::convolution, whose backward
    // node is ConvolutionBackward0. Same graph otherwise; libtorch 2.10 is not the cause (the eager
    // Java CNN in torchviz4j-pytorch's tests gives ConvolutionBackward0).
    String reference = read(CliRun.ref("cnn", "dot.canon.gv"));
    String expected = reference.replace("label=ConvolutionBackward0]", "label=ConvolutionBackward1]");

    assertThat(expected).isNotEqualTo(reference);
    assertThat(dot("cnn")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"neuron|", "mlp|", "multi_output|", "views|--name-inputs",
      "views_output|--name-inputs", "views_leaf|--name-inputs", "transformer|--reduce sum"})
  void showAttrsAndShowSavedMatchTorchvizReference(String caseName, String extra) throws IOException {
    List<String> options = new ArrayList<>(List.of("--show-attrs", "--show-saved"));
    if (extra != null) {
      options.addAll(List.of(extra.split(" ")));
    }

    assertThat(dot(caseName, options.toArray(String[]::new)))
        .isEqualTo(read(CliRun.ref(caseName, "attrs.canon.gv")));
  }

  @Test
  void cnnAttributesDifferOnlyInTheTracedConvolutionNode() throws IOException {
    // As in the plain DOT: the traced ConvolutionBackward1 saves the same fields as
    // ConvolutionBackward0, so only the class name heading the two tables differs.
    String expected = read(CliRun.ref("cnn", "attrs.canon.gv"))
        .replace("[label=\"ConvolutionBackward0\n", "[label=\"ConvolutionBackward1\n");

    assertThat(dot("cnn", "--show-attrs", "--show-saved")).isEqualTo(expected);
  }

  @Test
  void randomInputsThatNeedNoGradientGiveTheSameGraph() throws IOException {
    // mlp's input does not require grad, so its values and source do not matter to the graph.
    Path out = dir.resolve("mlp.gv");
    CliRun run = CliRun.run(CliRun.ref("mlp", "model.pt"), "--input-shape", "8,784", "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(DotCanonicalizer.canonicalize(read(out.toString()))).isEqualTo(read(CliRun.ref("mlp", "dot.canon.gv")));
  }

  private String dot(String caseName, String... extra) throws IOException {
    Path out = dir.resolve(caseName + ".gv");
    String[] args = new String[4 + extra.length + 1];
    args[0] = CliRun.ref(caseName, "model.pt");
    args[1] = "--input";
    args[2] = CliRun.ref(caseName, "input.pt");
    args[3] = "-o";
    args[4] = out.toString();
    System.arraycopy(extra, 0, args, 5, extra.length);
    CliRun run = CliRun.run(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    return DotCanonicalizer.canonicalize(read(out.toString()));
  }

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }
}
