package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --fold} on torchvision's ViT, traced to TorchScript: its six encoder layers are alike. */
class FoldCommandTest {
  @TempDir
  Path dir;

  private static String vit(String file) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(FoldCommandTest.class.getResource("/bench/vit_small/" + file)).toURI())
        .toString();
  }

  @Test
  void theSixEncoderLayersAreDrawnOnceWithTheirRangeAndCount() throws Exception {
    Path svg = dir.resolve("vit.svg");

    CliRun run = CliRun.run(vit("model.pt"), "--input", vit("input0.pt"), "--fold", "--depth", "3", "-o",
        svg.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("drawn at depth 3: 1 module box");
    String text = Files.readString(svg);
    assertThat(text).contains("encoder.layers.encoder_layer_0 … encoder.layers.encoder_layer_5")
        .contains("EncoderBlock ×6")
        .contains("encoder.layers (Sequential), 200,832 params")   // six layers of 33,472
        .doesNotContain("encoder_layer_3 ");
  }

  @Test
  void withoutFoldEveryLayerIsItsOwnBox() throws Exception {
    Path svg = dir.resolve("vit.svg");

    CliRun run = CliRun.run(vit("model.pt"), "--input", vit("input0.pt"), "--depth", "3", "-o", svg.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("drawn at depth 3: 6 module boxes");
    assertThat(Files.readString(svg)).doesNotContain("×6");
  }
}
