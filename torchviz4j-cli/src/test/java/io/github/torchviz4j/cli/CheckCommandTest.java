package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code torchviz4j check}: exit 0 when every gradient is healthy, 4 naming the parameters that are not. */
class CheckCommandTest {
  @TempDir
  Path dir;

  /** The seed neuron with one more parameter that forward never uses: it gets no gradient. */
  private Path neuronWithUnusedParameter() {
    JitModule module = torch.load(CliRun.ref("neuron", "model.pt"));
    module.register_parameter("unused_head", torch.ones(3), false);
    Path file = dir.resolve("neuron-unused.pt");
    module.save(file.toString());
    return file;
  }

  @Test
  void aModelWhoseParametersAllLearnPassesWithExitZero() {
    CliRun run = CliRun.run("check", CliRun.ref("mlp", "model.pt"), "--input", CliRun.ref("mlp", "input.pt"),
        "--reduce", "sum");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("model.pt: all 6 parameters have a healthy gradient\n");
  }

  @Test
  void aParameterWithoutGradientIsNamedAndTheExitCodeIsFour() {
    CliRun run = CliRun.run("check", neuronWithUnusedParameter().toString(), "--input", CliRun.ref("neuron", "input.pt"),
        "--reduce", "sum");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    assertThat(run.out().lines()).containsExactly(
        "unused_head (the root module): no gradient (.grad is None: it is not in the graph behind the output, or detached)",
        "neuron-unused.pt: 1 of 3 parameters without a healthy gradient");
  }

  @Test
  void jsonListsEveryParameterWithItsState() throws Exception {
    CliRun run = CliRun.run("check", neuronWithUnusedParameter().toString(), "--input", CliRun.ref("neuron", "input.pt"),
        "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("healthy").asBoolean()).isFalse();
    assertThat(json.get("problems").asInt()).isEqualTo(1);
    assertThat(json.get("gradients")).extracting(g -> g.get("name").asText() + "=" + g.get("state").asText())
        .containsExactly("layer1.weight=present", "layer1.bias=present", "unused_head=missing");
    assertThat(json.get("gradients").get(0).get("norm").asDouble()).isPositive();
  }

  @Test
  void aNonScalarOutputAsksForReduce() {
    CliRun run = CliRun.run("check", CliRun.ref("mlp", "model.pt"), "--input", CliRun.ref("mlp", "input.pt"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--reduce sum").doesNotContain("at io.github");
  }

  @Test
  void aPt2ArchiveRunsItsSampleInputs() throws URISyntaxException {
    String archive = Path.of(Objects.requireNonNull(getClass().getResource("/pt2/mha/model.pt2")).toURI()).toString();

    CliRun run = CliRun.run("check", archive, "--reduce", "sum");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).matches("model.pt2: all \\d+ parameters have a healthy gradient\n");
  }

  @Test
  void aMissingModelIsAOneLineFailure() {
    CliRun run = CliRun.run("check", dir.resolve("absent.pt").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("torchviz4j: cannot read model").doesNotContain("\n");
  }
}
