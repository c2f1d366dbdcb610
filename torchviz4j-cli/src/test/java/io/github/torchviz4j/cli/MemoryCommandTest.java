package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --memory}: the summary line gives the bytes held for backward, as PyTorch counts them. */
class MemoryCommandTest {
  @TempDir
  Path dir;

  @Test
  void theSummaryLineGivesTheTotalWithAndWithoutParameters() throws Exception {
    Path out = dir.resolve("transformer.gv");

    CliRun run = CliRun.run(CliRun.ref("transformer", "model.pt"), "--input", CliRun.ref("transformer", "input.pt"),
        "--reduce", "sum", "--memory", "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    // refs/saved_bytes.json: PyTorch's saved_tensors_hooks count 419,200 bytes, 204,160 without parameters.
    assertThat(run.out()).contains(": 175 nodes, 181 edges, 419,200 bytes held for backward (204,160 without"
        + " parameters), ");
    assertThat(Files.readString(out)).contains("saved: 5.8 KB (512 B params)");
  }

  @Test
  void withoutMemoryTheSummaryIsAsBefore() {
    CliRun run = CliRun.run(CliRun.ref("neuron", "model.pt"), "--input", CliRun.ref("neuron", "input.pt"),
        "-o", dir.resolve("neuron.gv").toString());

    assertThat(run.out()).matches("wrote .*neuron.gv: 8 nodes, 7 edges, [0-9.]+ s\n");
  }
}
