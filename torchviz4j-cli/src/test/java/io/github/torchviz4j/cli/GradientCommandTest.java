package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --grad: backward before drawing, gradients on the parameters. */
class GradientCommandTest {
  @TempDir Path directory;

  @Test
  void gradDrawsEveryParametersGradientAndTheLegend() throws Exception {
    Path out = directory.resolve("neuron.gv");

    CliRun run = CliRun.run(CliRun.ref("neuron", "model.pt"), "--input", CliRun.ref("neuron", "input.pt"),
        "--grad", "--show-values", "2", "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String dot = Files.readString(out);
    assertThat(dot).contains("layer1.weight\n (1, 2)\n = [0.6, -0.2]\n grad = [0.42, 0.8399]",
        "layer1.bias\n (1)\n = 0.8\n grad = 0.42", "gradient norm\n(log scale)");
  }

  @Test
  void gradOnANonScalarOutputAsksForReduce() {
    CliRun run = CliRun.run(CliRun.ref("transformer", "model.pt"), "--input", CliRun.ref("transformer", "input.pt"),
        "--grad", "-o", directory.resolve("t.svg").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--reduce sum");
    assertThat(directory.resolve("t.svg")).doesNotExist();
  }
}
